package dev.flattar.testing;

import dev.flattar.model.Digest;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.SparseMap;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import dev.flattar.tar.TarReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The independent reference for every merge test: layers applied one at a time, oldest first, onto
 * an in-memory filesystem, the way an unpacker does it (and nothing like the merge engine, which
 * works newest first from headers). Each layer: its whiteouts and opaque markers delete from what
 * lower layers left; then its members are applied in order, a non-directory replacing whatever was
 * at its path (subtree included), a directory over a directory only changing metadata, hard links
 * sharing the inode of the file at their target path, missing parents created implicitly (0755,
 * root). As with overlayfs, where each layer is unpacked into a directory of its own, a parent a
 * layer makes replaces a lower layer's non-directory; a parent that an earlier member of the same
 * layer made a non-directory cannot be unpacked (an IllegalStateException).
 */
public final class ReferenceTree {
  /**
   * File data and metadata; hard links share one. Like podman's and containerd's unpackers, each
   * hard-link member applies its header's mode, owner and mtime to the shared inode and adds its
   * xattrs to those already there (see {@link #linkedOver}).
   */
  static final class Inode {
    TarEntry meta;
    final Digest content;
    final long size;

    Inode(TarEntry meta, Digest content, long size) {
      this.meta = meta;
      this.content = content;
      this.size = size;
    }
  }

  /** What is at a path. {@code meta} is null for the root only. */
  record Node(EntryType type, TarEntry meta, Inode inode) {}

  private final TreeMap<String, Node> nodes = new TreeMap<>();

  /** AUFS hard-link data, by path: Docker gives each link to one of these a copy of it. */
  private final Map<String, Inode> plnk = new java.util.HashMap<>();

  /** Paths the layer being applied has put a non-directory at. */
  private final java.util.Set<String> nonDirectoriesOfThisLayer = new java.util.HashSet<>();

  /** A directory as unpackers make a missing parent: 0755, owned by root (time: whenever). */
  static final TarEntry IMPLICIT =
      new TarEntry(
          "", EntryType.DIRECTORY, 0755, 0, 0, "", "", 0, 0, "", 0, 0, 0, 0, 0, null, List.of());

  private ReferenceTree() {
    nodes.put("", new Node(EntryType.DIRECTORY, null, null));
  }

  public static ReferenceTree of(List<byte[]> uncompressedLayers) {
    ReferenceTree tree = new ReferenceTree();
    for (byte[] layer : uncompressedLayers) {
      tree.apply(layer);
    }
    return tree;
  }

  private void apply(byte[] layer) {
    nonDirectoriesOfThisLayer.clear();
    List<TarEntry> entries = read(layer);
    for (TarEntry e : entries) {
      String path = clean(e.name());
      String base = TarPaths.basename(path);
      if (isAufs(path)) {
        continue;
      }
      if (base.startsWith(".wh.")) {
        makeParents(path); // unpackers make a marker's parents before they look at its name
      }
      if (base.equals(".wh..wh..opq")) {
        removeBelow(TarPaths.parent(path));
      } else if (base.startsWith(".wh.")) {
        String parent = TarPaths.parent(path);
        String victim = base.substring(4);
        removeTree(parent.isEmpty() ? victim : parent + "/" + victim);
      }
    }
    for (TarEntry e : entries) {
      String path = clean(e.name());
      if (path.startsWith(".wh..wh.plnk/") && e.type() == EntryType.FILE) {
        plnk.put(path, new Inode(e, Digest.of(data(layer, e)), e.size()));
      }
      if (isAufs(path) || TarPaths.basename(path).startsWith(".wh.")) {
        continue;
      }
      if (path.isEmpty()) {
        nodes.put("", new Node(EntryType.DIRECTORY, e, null));
        continue;
      }
      makeParents(path);
      switch (e.type()) {
        case DIRECTORY -> {
          Node old = nodes.get(path);
          if (old == null || old.type() != EntryType.DIRECTORY) {
            removeTree(path);
          }
          nodes.put(path, new Node(EntryType.DIRECTORY, e, null));
          nonDirectoriesOfThisLayer.remove(path);
        }
        case HARDLINK -> {
          Inode aufs = plnk.get(clean(e.linkName()));
          if (aufs != null) {
            removeTree(path);
            Inode copy = new Inode(aufs.meta, aufs.content, aufs.size);
            nodes.put(path, new Node(EntryType.FILE, aufs.meta, copy));
            nonDirectoriesOfThisLayer.add(path);
            continue;
          }
          Node target = nodes.get(clean(e.linkName()));
          if (target == null || target.inode() == null) {
            throw new IllegalStateException(
                "hard link to nothing: " + e.name() + " -> " + e.linkName());
          }
          removeTree(path);
          target.inode().meta = linkedOver(target.inode().meta, e);
          nodes.put(path, new Node(target.type(), target.meta(), target.inode()));
          nonDirectoriesOfThisLayer.add(path);
        }
        default -> {
          removeTree(path);
          Inode inode = new Inode(e, Digest.of(data(layer, e)), e.size());
          nodes.put(path, new Node(e.type(), e, inode));
          nonDirectoriesOfThisLayer.add(path);
        }
      }
    }
  }

  /**
   * The inode after a hard-link member's header is applied to it, as engines unpack it: chown
   * (which drops security.capability), chmod and touch from the member, then its xattrs set over
   * the ones already there.
   */
  private static TarEntry linkedOver(TarEntry inode, TarEntry member) {
    Map<String, String> xattrs = new LinkedHashMap<>();
    for (PaxRecord r : inode.extraPax()) {
      if (r.isXattr() && !r.key().equals(PaxRecord.XATTR_PREFIX + "security.capability")) {
        xattrs.put(r.key(), r.value());
      }
    }
    List<PaxRecord> pax = new ArrayList<>();
    for (PaxRecord r : member.extraPax()) {
      if (r.isXattr()) {
        xattrs.put(r.key(), r.value());
      } else {
        pax.add(r);
      }
    }
    xattrs.forEach((key, value) -> pax.add(new PaxRecord(key, value)));
    return inode.withMetadataOf(member).toBuilder().extraPax(pax).build();
  }

  private void makeParents(String path) {
    String parent = TarPaths.parent(path);
    if (parent.isEmpty()) {
      return;
    }
    makeParents(parent);
    Node n = nodes.get(parent);
    if (n != null && n.type() != EntryType.DIRECTORY) {
      if (nonDirectoriesOfThisLayer.contains(parent)) {
        throw new IllegalStateException(
            "parent of " + path + " is a " + n.type() + " of the same layer");
      }
      removeTree(parent); // a lower layer's non-directory: this layer's directory replaces it
      n = null;
    }
    if (n == null) {
      nodes.put(parent, new Node(EntryType.DIRECTORY, IMPLICIT, null));
    }
  }

  private void removeTree(String path) {
    nodes.remove(path);
    removeBelow(path);
  }

  private void removeBelow(String path) {
    String prefix = path.isEmpty() ? "" : path + "/";
    nodes
        .subMap(prefix, true, prefix + Character.MAX_VALUE, true)
        .keySet()
        .removeIf(k -> !k.isEmpty() && k.startsWith(prefix));
  }

  private static boolean isAufs(String path) {
    return path.startsWith(".wh..wh.") && !path.equals(".wh..wh..opq");
  }

  private static String clean(String name) {
    try {
      return TarPaths.normalize(name);
    } catch (dev.flattar.model.UnsafePathException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<TarEntry> read(byte[] layer) {
    List<TarEntry> out = new ArrayList<>();
    try {
      TarReader reader = new TarReader(new ByteArrayInputStream(layer), "reference");
      TarEntry e;
      while ((e = reader.next()) != null) {
        out.add(e);
      }
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
    return out;
  }

  static byte[] data(byte[] layer, TarEntry e) {
    if (!e.type().hasData()) {
      return new byte[0];
    }
    byte[] stored =
        java.util.Arrays.copyOfRange(
            layer, (int) e.dataOffset(), (int) (e.dataOffset() + e.storedSize()));
    if (!e.isSparse()) {
      return stored;
    }
    byte[] full = new byte[(int) e.size()];
    int at = 0;
    for (SparseMap.Segment s : e.sparse().segments()) {
      System.arraycopy(stored, at, full, (int) s.offset(), (int) s.length());
      at += (int) s.length();
    }
    return full;
  }

  /** Every node by path (the root is ""). */
  Map<String, Node> nodes() {
    return nodes;
  }

  /** Paths in the tree (the root is ""). */
  public java.util.Set<String> paths() {
    return nodes.keySet();
  }

  /**
   * Every path with all that an unpacker would make of it, one line each: type, mode, owner, mtime,
   * link target or device, size and content digest, xattrs and other PAX records, and the hard-link
   * group (the alphabetically first path sharing the inode).
   */
  public Map<String, String> describe() {
    Map<Inode, String> groups = new IdentityHashMap<>();
    nodes.forEach(
        (path, n) -> {
          if (n.inode() != null) {
            groups.putIfAbsent(n.inode(), path);
          }
        });
    Map<String, String> out = new TreeMap<>();
    nodes.forEach((path, n) -> out.put(TarEntry.display(path), line(n, groups)));
    return out;
  }

  private static String line(Node n, Map<Inode, String> groups) {
    if (n.meta() == null) {
      return "root";
    }
    TarEntry m = n.inode() != null ? n.inode().meta : n.meta();
    StringBuilder b = new StringBuilder();
    b.append(n.type()).append(' ').append(String.format("%04o", m.mode()));
    b.append(' ').append(m.uid()).append(':').append(m.gid());
    b.append(' ')
        .append(TarEntry.display(m.uname()))
        .append(':')
        .append(TarEntry.display(m.gname()));
    b.append(" mtime=").append(m.mtimeSeconds()).append('.').append(m.mtimeNanos());
    switch (n.type()) {
      case SYMLINK -> b.append(" -> ").append(TarEntry.display(m.linkName()));
      case CHAR_DEVICE, BLOCK_DEVICE ->
          b.append(" dev=").append(m.devMajor()).append(',').append(m.devMinor());
      default -> {}
    }
    if (n.inode() != null) {
      b.append(" size=")
          .append(n.inode().size)
          .append(" sha=")
          .append(n.inode().content.shortHex());
      b.append(" inode=").append(TarEntry.display(groups.get(n.inode())));
    }
    List<PaxRecord> pax = new ArrayList<>(m.extraPax());
    // Unpackers onto overlayfs never set overlayfs's own xattrs from a layer (FORMAT.md 4).
    pax.removeIf(r -> r.key().startsWith("SCHILY.xattr.trusted.overlay."));
    pax.sort(Comparator.comparing(PaxRecord::key));
    for (PaxRecord r : pax) {
      b.append(' ')
          .append(r.key())
          .append('=')
          .append(HexFormat.of().formatHex(r.value().getBytes(StandardCharsets.ISO_8859_1)));
    }
    return b.toString();
  }
}
