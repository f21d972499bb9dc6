package dev.flattar.merge;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Lays out the new layer: markers for kept base layers first (if any), then the squashed layers
 * oldest first, members in archive order, so each layer's stream is read once, front to back. A
 * directory is written with its final metadata the first time anything needs it, so parents always
 * precede children; directories the kept base already has are not repeated.
 *
 * <p>Hard links: within a layer, a group is the data-holding member and the links to it. If the
 * holder did not survive but links did, the first surviving link becomes the holder (a regular file
 * with the group's data and metadata, written where the old holder was, so the data is still read
 * in stream order) and the other survivors link to it. A link is never pointed at whatever newer
 * file now lives at the old holder's path.
 */
final class PlanBuilder {
  private final PathTree tree;
  private final Visibility.Result visibility;
  private final int keep;
  private final boolean[] emitted;
  private final PlanEntries out;
  private final MergeLog log;
  private int[] ancestors = new int[64];
  private long linksRewritten;

  private PlanBuilder(
      List<LayerIndex> layers,
      PathTree tree,
      Visibility.Result visibility,
      int keep,
      MergeLog log) {
    List<List<TarEntry>> entries = new ArrayList<>(layers.size());
    layers.forEach(l -> entries.add(l.entries));
    this.out = new PlanEntries(entries);
    this.tree = tree;
    this.visibility = visibility;
    this.keep = keep;
    this.emitted = new boolean[tree.size()];
    this.log = log;
  }

  /**
   * @param base visibility over the kept base layers alone, or null when nothing is kept
   */
  static Plan build(
      List<LayerIndex> layers,
      PathTree tree,
      Visibility.Result visibility,
      Visibility.@Nullable Result base,
      Map<Integer, BaseMarkers.Kind> markers,
      MergeSettings settings) {
    int keep = settings.keepBase();
    PlanBuilder b = new PlanBuilder(layers, tree, visibility, keep, settings.log());
    b.markers(markers);
    long members = 0;
    long whiteouts = 0;
    for (int k = keep; k < layers.size(); k++) {
      LayerIndex layer = layers.get(k);
      b.layer(k, layer, visibility.visible[k]);
      members += layer.size();
      for (EntryKind kind : layer.kind) {
        whiteouts += kind == EntryKind.WHITEOUT || kind == EntryKind.OPAQUE ? 1 : 0;
      }
    }
    b.implicitDirectories(base);
    MergeStats stats =
        new MergeStats(
            members,
            b.out.size(),
            whiteouts,
            b.linksRewritten,
            LayerStatistics.of(layers, visibility));
    return Plan.of(b.out.trim(), stats, settings.clampMtime());
  }

  /**
   * Directories that exist only because an unpacker made them as parents (see Visibility), and that
   * nothing written below them implies any more: written as unpackers make them, 0755 and owned by
   * root. With a kept base, not those the base has and the squashed layers leave alone.
   */
  private void implicitDirectories(Visibility.@Nullable Result base) {
    for (int node = PathTree.ROOT + 1; node < tree.size(); node++) {
      boolean implicit = visibility.exists(node) && visibility.decidedBy(node) == 0;
      if (implicit && !emitted[node] && (base == null || !base.exists(node) || hidesBase(node))) {
        String path = tree.path(node);
        if (TarPaths.basename(path).startsWith(EntryKind.WHITEOUT_PREFIX)) {
          // Made as the parent of a whiteout ('a/.wh.x/.wh.y'): an entry for it would be read
          // as a whiteout itself, so this empty directory cannot be written.
          log.decision(path, "empty directory dropped: its name would make it a whiteout");
          continue;
        }
        emit(node, Placement.made(Markers.directory(path + "/")));
      }
    }
  }

  /**
   * Whether a squashed layer removed the kept base's node: deleted it or replaced it, or hid
   * everything below an ancestor.
   */
  private boolean hidesBase(int node) {
    if (visibility.deletedBy(node) > keep || visibility.blockedBy(node) > keep) {
      return true;
    }
    for (int a = tree.parent(node); a >= 0; a = tree.parent(a)) {
      if (visibility.deletedBy(a) > keep
          || visibility.blockedBy(a) > keep
          || visibility.emptiedBy(a) > keep) {
        return true;
      }
    }
    return false;
  }

  /** Opaque markers (each after its directory), then whiteouts, in path order. */
  private void markers(Map<Integer, BaseMarkers.Kind> markers) {
    for (Map.Entry<Integer, BaseMarkers.Kind> m : markers.entrySet()) {
      int node = m.getKey();
      switch (m.getValue()) {
        case OPAQUE -> {
          TarEntry dir = visibility.finalDirectory(node);
          if (dir != null && visibility.decidedBy(node) > keep) {
            emit(node, Placement.made(dir));
          }
          out.add(marker(child(node, EntryKind.OPAQUE_MARKER)));
        }
        case OPAQUE_NEW_DIRECTORY -> {
          emit(node, Placement.made(Markers.directory(tree.path(node) + "/")));
          out.add(marker(child(node, EntryKind.OPAQUE_MARKER)));
        }
        case NEW_DIRECTORY -> emit(node, Placement.made(Markers.directory(tree.path(node) + "/")));
        case WHITEOUT -> {}
      }
    }
    for (Map.Entry<Integer, BaseMarkers.Kind> m : markers.entrySet()) {
      if (m.getValue() == BaseMarkers.Kind.WHITEOUT) {
        String path = tree.path(m.getKey());
        String parent = TarPaths.parent(path);
        String name = EntryKind.WHITEOUT_PREFIX + TarPaths.basename(path);
        out.add(marker(parent.isEmpty() ? name : parent + "/" + name));
        log.decision(path, "deleted from the kept base layers (whiteout)");
      }
    }
  }

  /** The path of a child called {@code name} of {@code node}. */
  private String child(int node, String name) {
    return node == PathTree.ROOT ? name : tree.path(node) + "/" + name;
  }

  private static PlannedEntry marker(String name) {
    TarEntry e = Markers.file(name);
    return new PlannedEntry(-1, e, name, null);
  }

  private void layer(int k, LayerIndex layer, BitSet visible) {
    int[] holder = LinkGroups.holders(layer, visible);
    LinkGroups.Inodes last = LinkGroups.inodes(layer);
    for (int i = 0; i < layer.size(); i++) {
      int node = layer.node[i];
      if (layer.isLinkTarget[i] && layer.kind[i] == EntryKind.AUFS_METADATA) {
        aufsCopies(k, layer, visible, i);
        continue;
      }
      if (layer.isLinkTarget[i] && !visible.get(i)) {
        if (holder[i] >= 0) {
          // The group's data lives here; write it under the first surviving link's name.
          linksRewritten++;
          log.decision(
              tree.path(layer.node[holder[i]]),
              "hard link now holds the data of its deleted or replaced target");
          emit(
              layer.node[holder[i]],
              Placement.moved(k, layer.entries.get(i), LinkGroups.metadata(layer, last, i, i)));
        }
        continue;
      }
      if (!visible.get(i)) {
        continue;
      }
      TarEntry entry = layer.entries.get(i);
      if (entry.type() == EntryType.HARDLINK) {
        int root = layer.linkRoot[i];
        if (layer.kind[root] == EntryKind.AUFS_METADATA) {
          continue; // written as a copy at the plnk file's position
        }
        int h = holder[root];
        if (h == i) {
          continue; // already written, holding the data, at the root's position
        }
        String target = tree.path(layer.node[h]);
        if (h != root) {
          linksRewritten++; // its holder is gone: it now points at the group's new holder
          log.decision(tree.path(node), "hard link re-pointed at " + target);
        }
        emit(node, Placement.link(k, entry, target, LinkGroups.metadata(layer, last, root, i)));
      } else {
        TarEntry metadata = layer.isLinkTarget[i] ? LinkGroups.metadata(layer, last, i, i) : null;
        emit(node, Placement.own(k, i, entry, metadata));
      }
    }
  }

  /**
   * AUFS kept the data of hard-linked files in {@code .wh..wh.plnk/}; Docker's and containerd's
   * unpackers give every link to such a file its own copy of it (data and header). So does this.
   */
  private void aufsCopies(int k, LayerIndex layer, BitSet visible, int plnk) {
    TarEntry data = layer.entries.get(plnk);
    for (int j = plnk + 1; j < layer.size(); j++) {
      if (layer.linkRoot[j] == plnk && visible.get(j)) {
        linksRewritten++;
        emit(layer.node[j], Placement.moved(k, data, null));
      }
    }
  }

  /** Writes a member at {@code node}'s path, after any directories above it not yet written. */
  private void emit(int node, Placement p) {
    if (emitted[node]) {
      return;
    }
    // Everything above an ancestor that is already handled is handled too, so stop there.
    // Implicit directories, and directories the kept base owns, count as handled once visited.
    int depth = 0;
    for (int a = tree.parent(node); a >= 0 && !emitted[a]; a = tree.parent(a)) {
      if (visibility.finalDirectory(a) == null || visibility.decidedBy(a) <= keep) {
        emitted[a] = true;
        continue;
      }
      if (depth == ancestors.length) {
        ancestors = Arrays.copyOf(ancestors, depth * 2);
      }
      ancestors[depth++] = a;
    }
    for (int d = depth - 1; d >= 0; d--) {
      int a = ancestors[d];
      emitted[a] = true;
      TarEntry dir = visibility.finalDirectory(a);
      out.add(new PlannedEntry(-1, dir, name(a, dir, true), null));
    }
    emitted[node] = true;
    String name = name(node, p.entry(), p.own() && p.linkTarget() == null);
    if (p.index() >= 0
        && p.linkTarget() == null
        && p.metadata() == null
        && name.equals(p.entry().name())) {
      out.addOwn(p.layer(), p.index()); // 8 bytes instead of an object
    } else {
      out.add(new PlannedEntry(p.layer(), p.entry(), name, p.linkTarget(), p.metadata()));
    }
  }

  /** The member's own name object when it is already canonical (no allocation), else rebuilt. */
  private String name(int node, TarEntry entry, boolean own) {
    boolean isDirectory = own && entry.type().isDirectory();
    if (own && node != PathTree.ROOT && TarPaths.isCanonical(entry.name(), isDirectory)) {
      return entry.name();
    }
    return outputName(node, isDirectory);
  }

  private String outputName(int node, boolean isDirectory) {
    if (node == PathTree.ROOT) {
      return "./";
    }
    String path = tree.path(node);
    return isDirectory ? path + "/" : path;
  }
}
