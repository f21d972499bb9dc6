/**
 * Reading input archives in every layout: the outer index, image descriptions, layer scanning and
 * checking (internal).
 */
package dev.flattar.archive;
