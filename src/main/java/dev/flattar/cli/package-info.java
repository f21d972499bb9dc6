/** The command line over the API (internal). */
package dev.flattar.cli;
