package dev.flattar.merge;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import java.util.List;

/** Members the merge makes itself: whiteout and opaque markers, default directories. */
final class Markers {
  private Markers() {}

  /** An empty regular file (a whiteout or opaque marker), mode 0, owned by root, time 0. */
  static TarEntry file(String name) {
    return new TarEntry(
        name, EntryType.FILE, 0, 0, 0, "", "", 0, 0, "", 0, 0, 0, 0, 0, null, List.of());
  }

  /** A directory as an unpacker creates a missing parent: 0755, root, time 0. */
  static TarEntry directory(String name) {
    return new TarEntry(
        name, EntryType.DIRECTORY, 0755, 0, 0, "", "", 0, 0, "", 0, 0, 0, 0, 0, null, List.of());
  }
}
