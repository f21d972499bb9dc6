/**
 * Comparing two images' merged filesystems and configs ({@code flat-tar diff}): built from the
 * merge engine's plan and the data's sha256, compared path by path (internal).
 */
package dev.flattar.diff;
