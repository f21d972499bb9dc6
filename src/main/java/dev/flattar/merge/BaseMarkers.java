package dev.flattar.merge;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the squashed layer must delete from kept base layers so that the base plus that one layer
 * show the same filesystem as the base plus all the layers it replaces (as Docker's own squash
 * does). For each base member that the base alone shows but the whole stack hides, and each
 * directory the base has without a member (made as a parent) that the whole stack does not, the
 * topmost path on its way up that a squashed layer acted on decides the marker there:
 *
 * <ul>
 *   <li>gone altogether: a whiteout, once (nothing below it needs one);
 *   <li>a directory again, but with its base children gone (whited out or made opaque, then
 *       recreated): an opaque marker, never a whiteout followed by the directory, which
 *       overlayfs-based importers (containerd, podman) would merge with the base instead;
 *   <li>replaced by a non-directory, or a directory replacing a non-directory: nothing, the new
 *       member replaces it.
 * </ul>
 */
final class BaseMarkers {
  /** A marker at a node. */
  enum Kind {
    WHITEOUT,
    /** Opaque marker on a directory whose surviving entry is in a squashed layer or the base. */
    OPAQUE,
    /** Opaque marker on a directory that exists only implicitly: written with a default entry. */
    OPAQUE_NEW_DIRECTORY,
    /** A base non-directory that became an implicit directory: a default entry replaces it. */
    NEW_DIRECTORY
  }

  private BaseMarkers() {}

  /**
   * Where the new layer needs a marker over the kept base.
   *
   * @param keep how many layers at the bottom are kept
   * @param whole visibility over all layers
   * @param base visibility over the kept layers alone
   * @return markers by node, in node order
   */
  static Map<Integer, Kind> compute(
      List<LayerIndex> layers,
      int keep,
      PathTree tree,
      Visibility.Result whole,
      Visibility.Result base) {
    boolean[] upperBelow = upperContentBelow(layers, keep, tree, whole);
    TreeMap<Integer, Kind> markers = new TreeMap<>();
    for (int k = 0; k < keep; k++) {
      LayerIndex layer = layers.get(k);
      BitSet inBase = base.visible[k];
      BitSet inWhole = whole.visible[k];
      for (int i = inBase.nextSetBit(0); i >= 0; i = inBase.nextSetBit(i + 1)) {
        if (inWhole.get(i) || layer.kind[i] != EntryKind.CONTENT) {
          continue;
        }
        int node = layer.node[i];
        boolean directory = layer.entries.get(i).type().isDirectory();
        // A non-directory that a squashed layer made a parent directory of: replaced.
        boolean replaced = !directory && whole.decidedBy(node) == 0 && whole.existsBy(node) > keep;
        int top = topmostActedOn(node, replaced, keep, tree, whole);
        if (top < 0) {
          continue;
        }
        Kind kind = kindAt(top, top == node ? directory : true, keep, whole, base, upperBelow);
        if (kind != null) {
          markers.putIfAbsent(top, kind);
        }
      }
    }
    // Directories the base has only because its unpacker made them as parents.
    for (int node = PathTree.ROOT + 1; node < tree.size(); node++) {
      if (base.exists(node) && base.decidedBy(node) == 0 && !whole.exists(node)) {
        int top = topmostActedOn(node, false, keep, tree, whole);
        Kind kind = top < 0 ? null : kindAt(top, true, keep, whole, base, upperBelow);
        if (kind != null) {
          markers.putIfAbsent(top, kind);
        }
      }
    }
    return markers;
  }

  /**
   * The highest node from {@code node} up that a squashed layer acted on, or -1.
   *
   * @param replaced whether a squashed layer replaced the node with a parent directory it made
   */
  private static int topmostActedOn(
      int node, boolean replaced, int keep, PathTree tree, Visibility.Result whole) {
    boolean actedOn = replaced || whole.deletedBy(node) > keep || whole.decidedBy(node) > keep;
    int top = actedOn ? node : -1;
    for (int a = tree.parent(node); a >= 0; a = tree.parent(a)) {
      if (whole.deletedBy(a) > keep || whole.emptiedBy(a) > keep || whole.blockedBy(a) > keep) {
        top = a;
      }
    }
    return top;
  }

  /**
   * The marker at the topmost node a squashed layer acted on.
   *
   * @param baseDirectory whether the base has a directory there (implicit ancestors count)
   */
  private static @Nullable Kind kindAt(
      int node,
      boolean baseDirectory,
      int keep,
      Visibility.Result whole,
      Visibility.Result base,
      boolean[] upperBelow) {
    boolean childrenGone =
        whole.deletedBy(node) > keep
            || whole.emptiedBy(node) > keep
            || whole.blockedBy(node) > keep;
    if (node == PathTree.ROOT) {
      return childrenGone ? Kind.OPAQUE : null; // the root always exists
    }
    if (base.decidedBy(node) != 0) {
      baseDirectory = base.decidedDirectory(node);
    }
    if (whole.decidedBy(node) > keep) {
      // Something of the squashed layers is there now.
      boolean dirOverDir = whole.decidedDirectory(node) && baseDirectory;
      return dirOverDir && childrenGone ? Kind.OPAQUE : null;
    }
    if (whole.decidedBy(node) != 0) {
      // The base's own entry is still there; only its children were hidden.
      return childrenGone ? Kind.OPAQUE : null;
    }
    if (upperBelow[node] || whole.exists(node)) {
      // Deleted, then made again as the parent of squashed members (surviving or not).
      return baseDirectory ? Kind.OPAQUE_NEW_DIRECTORY : Kind.NEW_DIRECTORY;
    }
    return Kind.WHITEOUT;
  }

  /** Nodes with a surviving member of a squashed layer at or below them. */
  private static boolean[] upperContentBelow(
      List<LayerIndex> layers, int keep, PathTree tree, Visibility.Result whole) {
    boolean[] below = new boolean[tree.size()];
    for (int k = keep; k < layers.size(); k++) {
      LayerIndex layer = layers.get(k);
      BitSet visible = whole.visible[k];
      for (int i = visible.nextSetBit(0); i >= 0; i = visible.nextSetBit(i + 1)) {
        for (int a = layer.node[i]; a >= 0 && !below[a]; a = tree.parent(a)) {
          below[a] = true;
        }
      }
    }
    return below;
  }
}
