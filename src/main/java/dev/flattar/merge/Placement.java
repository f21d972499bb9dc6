package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import org.jspecify.annotations.Nullable;

/**
 * What the plan writes at a path: which member, from which layer, and how.
 *
 * @param layer the source layer whose stream holds the data (0-based), or -1 for none
 * @param index the entry's position among its layer's members when it is written at its own path,
 *     else -1
 * @param own whether {@code entry} is the member at that path (not one moved there)
 * @param linkTarget the path to hard-link to instead of writing the entry's own type, or null
 * @param metadata whose mode, owner, mtime and xattrs to write instead of the entry's, or null
 */
record Placement(
    int layer,
    int index,
    TarEntry entry,
    boolean own,
    @Nullable String linkTarget,
    @Nullable TarEntry metadata) {

  /** A directory the merge writes itself (a parent an unpacker made, a base directory's marker). */
  static Placement made(TarEntry directory) {
    return new Placement(-1, -1, directory, true, null, null);
  }

  /** A layer's member at its own path. */
  static Placement own(int layer, int index, TarEntry entry, @Nullable TarEntry metadata) {
    return new Placement(layer, index, entry, true, null, metadata);
  }

  /** A member's data written at another path (a hard link whose data holder did not survive). */
  static Placement moved(int layer, TarEntry entry, @Nullable TarEntry metadata) {
    return new Placement(layer, -1, entry, false, null, metadata);
  }

  /** A member written as a hard link to {@code target}. */
  static Placement link(int layer, TarEntry entry, String target, @Nullable TarEntry metadata) {
    return new Placement(layer, -1, entry, true, target, metadata);
  }
}
