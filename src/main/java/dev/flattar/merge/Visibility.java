package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import java.util.BitSet;
import java.util.List;

/**
 * Decides which members of which layers survive into the merged filesystem, reading layers newest
 * first and each layer's members last first, so that the first member met at a path is the one that
 * wins there.
 *
 * <p>Per path it keeps: whether a winner has been chosen (and if it is a directory); a flag that a
 * non-directory was met (everything met later below it is gone: a file or link replaced that
 * directory); and layer stamps from whiteouts and opaque markers, which hide only members of lower
 * layers. All checks are O(depth) per member.
 */
final class Visibility {
  private static final byte UNDECIDED = 0;
  private static final byte DIRECTORY = 1;
  private static final byte OTHER = 2;

  private final PathTree tree;
  private byte[] decided;
  private boolean[] blocked;
  private int[] deletedBy;
  private int[] emptiedBy;

  /** The surviving directory entry per node, used to emit parents ahead of their children. */
  private TarEntry[] finalDirectory;

  private Visibility(PathTree tree) {
    this.tree = tree;
    int n = tree.size();
    decided = new byte[n];
    blocked = new boolean[n];
    deletedBy = new int[n];
    emptiedBy = new int[n];
    finalDirectory = new TarEntry[n];
  }

  /** The surviving members of each layer (index 0 = oldest). */
  record Result(BitSet[] visible, TarEntry[] finalDirectory) {}

  static Result resolve(List<LayerIndex> layers, PathTree tree) {
    Visibility v = new Visibility(tree);
    BitSet[] visible = new BitSet[layers.size()];
    for (int k = layers.size() - 1; k >= 0; k--) {
      visible[k] = v.layer(layers.get(k), k + 1);
    }
    return new Result(visible, v.finalDirectory);
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
          if (decided[node] == UNDECIDED && deletedBy[node] <= stamp) {
            decided[node] = isDirectory ? DIRECTORY : OTHER;
            visible.set(i);
            if (isDirectory) {
              finalDirectory[node] = entry;
            }
          }
          if (!isDirectory) {
            // Whether or not it survives, a non-directory here removed whatever lay below it.
            blocked[node] = true;
          }
        }
      }
    }
    return visible;
  }

  private boolean hiddenByAncestor(int node, int stamp) {
    for (int a = tree.parent(node); a >= 0; a = tree.parent(a)) {
      if (blocked[a] || emptiedBy[a] > stamp) {
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
