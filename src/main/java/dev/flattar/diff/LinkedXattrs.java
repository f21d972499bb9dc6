package dev.flattar.diff;

import dev.flattar.model.UnsafePathException;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The xattrs a hard-linked inode ends up with. podman and containerd unpack every member of a group
 * onto its one inode, in archive order: a chown (after which the kernel drops {@code
 * security.capability} from a regular file), then the member's xattrs, added to those already
 * there. So the inode has every xattr some member sets, with the latest value, and {@code
 * security.capability} only if the last member sets it; members a later layer deletes count too.
 * The merge's plan gives a group its last member's metadata, xattrs included, so the others' are
 * found here, in the layer itself.
 */
final class LinkedXattrs {
  private static final String CAPABILITY = PaxRecord.XATTR_PREFIX + "security.capability";
  private static final String OVERLAY = PaxRecord.XATTR_PREFIX + "trusted.overlay.";
  private static final String AUFS_LINKS = ".wh..wh.plnk/";

  private LinkedXattrs() {}

  /**
   * For each data-holding member of a layer that has hard links to it (by identity, as the plan
   * refers to it), the inode's {@code SCHILY.xattr.*} records, by key.
   */
  static IdentityHashMap<TarEntry, Map<String, String>> of(List<TarEntry> layer)
      throws UnsafePathException {
    IdentityHashMap<TarEntry, Map<String, String>> out = new IdentityHashMap<>();
    if (layer.stream().noneMatch(e -> e.type() == EntryType.HARDLINK)) {
      return out;
    }
    // A link names the newest earlier member at its target path, as the merge resolves it.
    Map<String, TarEntry> rootAt = new HashMap<>();
    IdentityHashMap<TarEntry, List<TarEntry>> groups = new IdentityHashMap<>();
    for (TarEntry e : layer) {
      String path = TarPaths.normalize(e.name());
      if (TarPaths.basename(path).startsWith(".wh.")) {
        continue; // a whiteout or an opaque marker: no inode
      }
      if (e.type() != EntryType.HARDLINK) {
        rootAt.put(path, e);
        continue;
      }
      String target = TarPaths.normalize(e.linkName());
      TarEntry root = rootAt.get(target);
      if (root == null || target.startsWith(AUFS_LINKS)) {
        continue; // AUFS link data: each link gets a copy, not the inode
      }
      groups.computeIfAbsent(root, r -> new ArrayList<>(List.of(r))).add(e);
      rootAt.put(path, root);
    }
    groups.forEach((root, members) -> out.put(root, xattrs(members)));
    return out;
  }

  private static Map<String, String> xattrs(List<TarEntry> members) {
    Map<String, String> x = new TreeMap<>();
    for (TarEntry m : members) {
      x.remove(CAPABILITY);
      for (PaxRecord r : m.extraPax()) {
        if (r.isXattr() && !r.key().startsWith(OVERLAY)) {
          x.put(r.key(), r.value());
        }
      }
    }
    return x;
  }
}
