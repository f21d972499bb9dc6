package dev.flattar.merge;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;

/** Members the merge makes itself: whiteout and opaque markers, default directories. */
final class Markers {
  private Markers() {}

  /** An empty regular file (a whiteout or opaque marker), mode 0, owned by root, time 0. */
  static TarEntry file(String name) {
    return TarEntry.builder(name, EntryType.FILE).build();
  }

  /** A directory as an unpacker creates a missing parent: 0755, root, time 0. */
  static TarEntry directory(String name) {
    return TarEntry.builder(name, EntryType.DIRECTORY).mode(0755).build();
  }
}
