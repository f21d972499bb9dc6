package dev.flattar.merge;

import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.UnsafePathException;
import dev.flattar.tar.EntryTable;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import java.util.List;
import java.util.Objects;

/**
 * One layer's members as the merge sees them: the node each one is about, what kind of member it
 * is, and for hard links the member that holds the data.
 *
 * <p>A hard link names an earlier member of the same layer by path; it is resolved here, in archive
 * order, to the newest member at that path before it (following links to links), so a later member
 * that reuses the path does not capture the link.
 */
final class LayerIndex {
  static final int NO_ROOT = -1;

  final List<TarEntry> entries;

  /** The node a member is about: its own path, the path a whiteout deletes, an opaque dir. */
  final int[] node;

  final EntryKind[] kind;

  /** For a hard link: the index of the data-holding member of its group; else NO_ROOT. */
  final int[] linkRoot;

  /** True for members that hard links point at. */
  final boolean[] isLinkTarget;

  private LayerIndex(List<TarEntry> entries) {
    this.entries = entries;
    int n = entries.size();
    this.node = new int[n];
    this.kind = new EntryKind[n];
    this.linkRoot = new int[n];
    this.isLinkTarget = new boolean[n];
  }

  int size() {
    return entries.size();
  }

  /** Member {@code i}'s type, without building the member when the layer is an EntryTable. */
  EntryType type(int i) {
    return entries instanceof EntryTable t ? t.type(i) : entries.get(i).type();
  }

  private String name(int i) {
    return entries instanceof EntryTable t ? t.name(i) : entries.get(i).name();
  }

  private String linkName(int i) {
    return entries instanceof EntryTable t ? t.linkName(i) : entries.get(i).linkName();
  }

  /**
   * Indexes a layer's members.
   *
   * @param where names the layer in errors
   */
  static LayerIndex build(List<TarEntry> entries, PathTree tree, String where)
      throws FlatTarException {
    LayerIndex index = new LayerIndex(entries);
    // Where each path was last written, for resolving hard links: only layers that have some.
    IntIntMap latestAt = hasHardLinks(index) ? new IntIntMap() : null;
    for (int i = 0; i < entries.size(); i++) {
      String name = index.name(i);
      EntryType type = index.type(i);
      String path;
      EntryKind kind;
      try {
        path = TarPaths.normalize(name);
        kind = EntryKind.of(path);
      } catch (UnsafePathException ex) {
        throw new UnsafePathException(where + ": " + ex.getMessage());
      } catch (InvalidImageException ex) {
        throw new InvalidImageException(where + ": " + ex.getMessage());
      }
      if (kind == EntryKind.CONTENT && path.isEmpty() && !type.isDirectory()) {
        throw new InvalidImageException(
            where + ": the root entry '" + TarEntry.display(name) + "' is not a directory");
      }
      int node = tree.node(EntryKind.subject(kind, path));
      index.node[i] = node;
      index.kind[i] = kind;
      index.linkRoot[i] = NO_ROOT;
      if (type == EntryType.HARDLINK && kind != EntryKind.WHITEOUT && kind != EntryKind.OPAQUE) {
        index.linkRoot[i] =
            resolveLink(
                index, name, index.linkName(i), tree, Objects.requireNonNull(latestAt), where);
        index.isLinkTarget[index.linkRoot[i]] = true;
      }
      if (latestAt != null && (kind == EntryKind.CONTENT || kind == EntryKind.AUFS_METADATA)) {
        latestAt.put(node, i);
      }
    }
    return index;
  }

  private static boolean hasHardLinks(LayerIndex index) {
    for (int i = 0; i < index.size(); i++) {
      if (index.type(i) == EntryType.HARDLINK) {
        return true;
      }
    }
    return false;
  }

  private static int resolveLink(
      LayerIndex index,
      String linkName,
      String linkTarget,
      PathTree tree,
      IntIntMap latestAt,
      String where)
      throws FlatTarException {
    String target;
    try {
      target = TarPaths.normalize(linkTarget);
    } catch (UnsafePathException ex) {
      throw new UnsafePathException(
          where
              + ": hard link '"
              + TarEntry.display(linkName)
              + "' -> '"
              + TarEntry.display(linkTarget)
              + "' escapes the root");
    }
    int member = latestAt.get(tree.node(target), -1);
    if (member < 0) {
      throw new InvalidImageException(
          where
              + ": hard link '"
              + TarEntry.display(linkName)
              + "' points to '"
              + TarEntry.display(linkTarget)
              + "', which is not an earlier member of the layer");
    }
    if (index.type(member).isDirectory()) {
      throw new InvalidImageException(
          where
              + ": hard link '"
              + TarEntry.display(linkName)
              + "' points to the directory '"
              + TarEntry.display(linkTarget)
              + "'");
    }
    int root = index.linkRoot[member];
    return root == NO_ROOT ? member : root;
  }
}
