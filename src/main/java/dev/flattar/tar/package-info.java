/** Tar headers: reading and encoding, byte-exact (internal). */
package dev.flattar.tar;
