package dev.flattar.merge;

import dev.flattar.model.InvalidImageException;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

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
 *
 * <p>It also finds which paths exist without a surviving entry of their own. Unpackers create a
 * member's missing parent directories before anything else, whiteouts and opaque markers included;
 * such a directory stays unless something newer removes it, even when everything below it is
 * deleted later. Each layer is unpacked into a directory of its own (overlayfs), so a parent that a
 * layer makes replaces a non-directory, symlinks included, that a lower layer has there: podman and
 * containerd both show a directory (over a lower directory, the lower entry's metadata is kept, as
 * containerd does). Within one layer, a member below a path that an earlier member of the same
 * layer made a regular file, device, FIFO or hard link cannot be unpacked (podman and containerd
 * fail with "not a directory"): the layer is refused. Below a symlink of the same layer unpackers
 * write through it; that is left as it is.
 */
final class Visibility {
  private final PathTree tree;
  private final List<String> names;
  private final int[] decidedBy;
  private final boolean[] decidedDirectory;
  private final int[] blockedBy;
  private final int[] deletedBy;
  private final int[] emptiedBy;
  private final TarEntry[] finalDirectory;

  /** Stamp of the newest layer whose unpacker makes the node as a parent (0: none). */
  private final int[] existsBy;

  /**
   * Stamp of the layer being read when a member after the current position (in archive order) lies
   * below the node with nothing at the node in between; and that member's index, for the error.
   */
  private final int[] laterBelow;

  private final int[] laterBelowMember;
  private int[] chain = new int[64];

  private Visibility(PathTree tree, List<String> names) {
    this.tree = tree;
    this.names = names;
    int n = tree.size();
    decidedBy = new int[n];
    decidedDirectory = new boolean[n];
    blockedBy = new int[n];
    deletedBy = new int[n];
    emptiedBy = new int[n];
    finalDirectory = new TarEntry[n];
    existsBy = new int[n];
    laterBelow = new int[n];
    laterBelowMember = new int[n];
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

    /** Whether the node exists in the merged filesystem, with a surviving entry or implicitly. */
    boolean exists(int node) {
      return v.existsBy[node] != 0 || v.decidedBy[node] != 0;
    }

    /** Stamp of the newest layer that makes the node as a parent and leaves it there (0: none). */
    int existsBy(int node) {
      return v.existsBy[node];
    }
  }

  /**
   * @param names each layer's name, for errors
   */
  static Result resolve(List<LayerIndex> layers, PathTree tree, List<String> names)
      throws InvalidImageException {
    Visibility v = new Visibility(tree, names);
    BitSet[] visible = new BitSet[layers.size()];
    for (int k = layers.size() - 1; k >= 0; k--) {
      visible[k] = v.layer(layers.get(k), k + 1);
    }
    return new Result(visible, v);
  }

  /** Processes one layer; {@code stamp} is its 1-based position (higher is newer). */
  private BitSet layer(LayerIndex layer, int stamp) throws InvalidImageException {
    BitSet visible = new BitSet(layer.size());
    for (int i = layer.size() - 1; i >= 0; i--) {
      int node = layer.node[i];
      switch (layer.kind[i]) {
        case WHITEOUT -> {
          markExisting(tree.parent(node), stamp);
          stampIfUnset(deletedBy, node, stamp);
          stampIfUnset(emptiedBy, node, stamp);
          markLaterBelow(tree.parent(node), i, stamp);
        }
        case OPAQUE -> {
          markExisting(node, stamp);
          stampIfUnset(emptiedBy, node, stamp);
          markLaterBelow(node, i, stamp);
        }
        case AUFS_METADATA -> {}
        case CONTENT -> {
          content(layer, i, stamp, visible);
          markLaterBelow(tree.parent(node), i, stamp);
        }
      }
    }
    return visible;
  }

  private void content(LayerIndex layer, int i, int stamp, BitSet visible)
      throws InvalidImageException {
    int node = layer.node[i];
    EntryType type = layer.type(i);
    boolean isDirectory = type.isDirectory();
    if (laterBelow[node] == stamp && !isDirectory && type != EntryType.SYMLINK) {
      throw underANonDirectory(layer, node, type, stamp);
    }
    laterBelow[node] = 0; // what comes before this member is not below what it puts here
    markExisting(tree.parent(node), stamp);
    if (hiddenByAncestor(node, stamp)) {
      return;
    }
    // A non-directory that a newer layer made a parent directory of is replaced by it.
    boolean replaced = !isDirectory && existsBy[node] > stamp;
    if (decidedBy[node] == 0 && deletedBy[node] <= stamp && !replaced) {
      decidedBy[node] = stamp;
      decidedDirectory[node] = isDirectory;
      visible.set(i);
      if (isDirectory) {
        finalDirectory[node] = layer.entries.get(i);
      }
    }
    if (!isDirectory) {
      // Whether or not it survives, a non-directory here removed whatever lay below it.
      stampIfUnset(blockedBy, node, stamp);
    }
  }

  /**
   * Records that the directories from {@code node} up exist, as the unpacker of layer {@code stamp}
   * creates them, unless something newer removes them. Stops at a node already known to exist
   * (everything above it does too), so it costs O(1) per member amortised.
   */
  private void markExisting(int node, int stamp) {
    int depth = 0;
    for (int a = node; a > PathTree.ROOT && existsBy[a] == 0; a = tree.parent(a)) {
      if (depth == chain.length) {
        chain = Arrays.copyOf(chain, depth * 2);
      }
      chain[depth++] = a;
    }
    if (depth == 0) {
      return;
    }
    boolean hidden = hiddenByAncestor(chain[depth - 1], stamp);
    for (int d = depth - 1; d >= 0; d--) {
      int a = chain[d];
      hidden = hidden || deletedBy[a] > stamp || blockedBy[a] != 0;
      if (!hidden) {
        existsBy[a] = stamp;
      }
      hidden = hidden || emptiedBy[a] > stamp;
    }
  }

  /**
   * Records, for the directories from {@code node} up, that member {@code member} of layer {@code
   * stamp} comes after whatever is met next at them (members are read last first). O(depth), as
   * reading the member's name is.
   */
  private void markLaterBelow(int node, int member, int stamp) {
    for (int a = node; a > PathTree.ROOT; a = tree.parent(a)) {
      laterBelow[a] = stamp;
      laterBelowMember[a] = member;
    }
  }

  private InvalidImageException underANonDirectory(
      LayerIndex layer, int node, EntryType type, int stamp) {
    return new InvalidImageException(
        names.get(stamp - 1)
            + ": '"
            + TarEntry.display(layer.entries.get(laterBelowMember[node]).name())
            + "' is under '"
            + TarEntry.display(tree.path(node))
            + "', which is not a directory (an earlier member of the layer made it a "
            + type.name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + "); no unpacker can apply this layer");
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
