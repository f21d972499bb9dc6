package dev.flattar.merge;

import dev.flattar.model.InvalidImageException;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;

/**
 * What a layer member means for the merged filesystem, decided from its cleaned path alone (README,
 * "Layer rules").
 */
enum EntryKind {
  /** An ordinary file, directory, link or device. */
  CONTENT,
  /** {@code dir/.wh.NAME}: deletes {@code dir/NAME} from lower layers. */
  WHITEOUT,
  /** {@code dir/.wh..wh..opq}: hides all lower-layer children of {@code dir}. */
  OPAQUE,
  /** AUFS bookkeeping at the layer root ({@code .wh..wh.plnk/}, {@code .wh..wh.aufs}, ...). */
  AUFS_METADATA;

  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";
  static final String AUFS_PREFIX = ".wh..wh.";
  static final String AUFS_LINK_DIR = ".wh..wh.plnk";

  /** Classifies a cleaned path. Only a basename that starts with {@code .wh.} is special. */
  static EntryKind of(String path) throws InvalidImageException {
    if (path.startsWith(AUFS_PREFIX) && !path.equals(OPAQUE_MARKER)) {
      return AUFS_METADATA;
    }
    int base = path.lastIndexOf('/') + 1;
    if (!path.startsWith(WHITEOUT_PREFIX, base)) {
      return CONTENT;
    }
    if (path.length() - base == OPAQUE_MARKER.length() && path.startsWith(OPAQUE_MARKER, base)) {
      return OPAQUE;
    }
    String target = path.substring(base + WHITEOUT_PREFIX.length());
    if (target.isEmpty() || target.equals(".") || target.equals("..")) {
      throw new InvalidImageException("whiteout '" + TarEntry.display(path) + "' names no file");
    }
    return WHITEOUT;
  }

  /** The path a whiteout deletes, or the directory an opaque marker empties. */
  static String subject(EntryKind kind, String path) {
    return switch (kind) {
      case WHITEOUT -> {
        String parent = TarPaths.parent(path);
        String name = TarPaths.basename(path).substring(WHITEOUT_PREFIX.length());
        yield parent.isEmpty() ? name : parent + "/" + name;
      }
      case OPAQUE -> TarPaths.parent(path);
      default -> path;
    };
  }
}
