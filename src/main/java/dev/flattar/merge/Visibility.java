package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import java.util.BitSet;
import java.util.List;

/**
 * Decides which members of which layers survive into the merged filesystem, reading layers newest
 * first and each layer's members last first, so that the first member met at a path is the one that
 * wins there.
 *
 * <p>Per path it keeps layer stamps (1-based layer positions, higher is newer, 0 for none): which
 * layer's member won there and whether it is a directory; the newest layer that put a non-directory
 * there (everything met later below it is gone: a file or link replaced that directory); and the
 * newest whiteout of the path and opaque marker on it, which hide only members of lower layers. All
 * checks are O(depth) per member.
 */
final class Visibility {
  private final PathTree tree;
  private final int[] decidedBy;
  private final boolean[] decidedDirectory;
  private final int[] blockedBy;
  private final int[] deletedBy;
  private final int[] emptiedBy;
  private final TarEntry[] finalDirectory;

  private Visibility(PathTree tree) {
    this.tree = tree;
    int n = tree.size();
    decidedBy = new int[n];
    decidedDirectory = new boolean[n];
    blockedBy = new int[n];
    deletedBy = new int[n];
    emptiedBy = new int[n];
    finalDirectory = new TarEntry[n];
  }

  /** The outcome: surviving members per layer (index 0 = oldest), and per-path state. */
  static final class Result {
    final BitSet[] visible;
    private final Visibility v;

    private Result(BitSet[] visible, Visibility v) {
      this.visible = visible;
      this.v = v;
    }

    /** The surviving directory entry at a node, or null. */
    TarEntry finalDirectory(int node) {
      return v.finalDirectory[node];
    }

    /** Stamp of the layer whose member survives at the node (0: none). */
    int decidedBy(int node) {
      return v.decidedBy[node];
    }

    boolean decidedDirectory(int node) {
      return v.decidedDirectory[node];
    }

    /** Stamp of the newest layer with a non-directory at the node (0: none). */
    int blockedBy(int node) {
      return v.blockedBy[node];
    }

    /** Stamp of the newest layer that whites the node out (0: none). */
    int deletedBy(int node) {
      return v.deletedBy[node];
    }

    /** Stamp of the newest layer that hides the node's lower children (opaque or whiteout). */
    int emptiedBy(int node) {
      return v.emptiedBy[node];
    }
  }

  static Result resolve(List<LayerIndex> layers, PathTree tree) {
    Visibility v = new Visibility(tree);
    BitSet[] visible = new BitSet[layers.size()];
    for (int k = layers.size() - 1; k >= 0; k--) {
      visible[k] = v.layer(layers.get(k), k + 1);
    }
    return new Result(visible, v);
  }

  /** Processes one layer; {@code stamp} is its 1-based position (higher is newer). */
  private BitSet layer(LayerIndex layer, int stamp) {
    BitSet visible = new BitSet(layer.size());
    for (int i = layer.size() - 1; i >= 0; i--) {
      int node = layer.node[i];
      switch (layer.kind[i]) {
        case WHITEOUT -> {
          stampIfUnset(deletedBy, node, stamp);
          stampIfUnset(emptiedBy, node, stamp);
        }
        case OPAQUE -> stampIfUnset(emptiedBy, node, stamp);
        case AUFS_METADATA -> {}
        case CONTENT -> {
          if (hiddenByAncestor(node, stamp)) {
            continue;
          }
          TarEntry entry = layer.entries.get(i);
          boolean isDirectory = entry.type().isDirectory();
          if (decidedBy[node] == 0 && deletedBy[node] <= stamp) {
            decidedBy[node] = stamp;
            decidedDirectory[node] = isDirectory;
            visible.set(i);
            if (isDirectory) {
              finalDirectory[node] = entry;
            }
          }
          if (!isDirectory) {
            // Whether or not it survives, a non-directory here removed whatever lay below it.
            stampIfUnset(blockedBy, node, stamp);
          }
        }
      }
    }
    return visible;
  }

  private boolean hiddenByAncestor(int node, int stamp) {
    for (int a = tree.parent(node); a >= 0; a = tree.parent(a)) {
      if (blockedBy[a] != 0 || emptiedBy[a] > stamp) {
        return true;
      }
    }
    return false;
  }

  private static void stampIfUnset(int[] stamps, int node, int stamp) {
    if (stamps[node] == 0) {
      stamps[node] = stamp;
    }
  }
}
