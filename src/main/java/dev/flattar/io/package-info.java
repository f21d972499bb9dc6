/** Files, temporary files, compression streams, hashing streams (internal). */
package dev.flattar.io;
