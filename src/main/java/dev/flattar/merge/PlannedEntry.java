package dev.flattar.merge;

import dev.flattar.tar.TarEntry;

/**
 * One member of the flattened layer: its header as it will be written, and for a regular file the
 * layer whose stream holds its data (at {@code entry.dataOffset()}).
 *
 * @param layer 0-based index of the source layer, oldest first
 */
public record PlannedEntry(int layer, TarEntry entry) {}
