package dev.flattar.merge;

import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.TarEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hard-link groups of one layer, as the plan needs them: a group is a data-holding member and the
 * links to it ({@link LayerIndex#linkRoot}).
 */
final class LinkGroups {
  private LinkGroups() {}

  /**
   * For each group root: the member that will hold the data, itself if it survives, else its first
   * surviving link; -1 when none survives (and for members that are not roots).
   */
  static int[] holders(LayerIndex layer, BitSet visible) {
    int[] holder = new int[layer.size()];
    Arrays.fill(holder, -1);
    for (int i = 0; i < layer.size(); i++) {
      if (layer.isLinkTarget[i] && visible.get(i)) {
        holder[i] = i;
      }
      int root = layer.linkRoot[i];
      if (root >= 0 && visible.get(i) && holder[root] < 0) {
        holder[root] = i;
      }
    }
    return holder;
  }

  /**
   * What each hard-link group's inode ends up with. Unpackers apply every member's header to the
   * shared inode in archive order (podman and containerd chown, chmod, touch and setxattr it for
   * each link), so the last member's mode, owner and mtime win, while xattrs add up: each member's
   * are set over those already there, and its chown first drops {@code security.capability}, which
   * only the last member's header can therefore leave. Members a later layer deletes count too.
   *
   * <p>{@code last} holds, for each group root, its last member in archive order; {@code merged},
   * for each group root whose members' xattrs add up to more than the last member's own, that
   * member's header with the inode's xattrs.
   */
  static final class Inodes {
    final int[] last;
    final Map<Integer, TarEntry> merged;

    private Inodes(int[] last, Map<Integer, TarEntry> merged) {
      this.last = last;
      this.merged = merged;
    }
  }

  private static final String CAPABILITY = PaxRecord.XATTR_PREFIX + "security.capability";

  static Inodes inodes(LayerIndex layer) {
    int n = layer.size();
    int[] last = new int[n];
    Map<Integer, TarEntry> merged = new HashMap<>(); // few groups differ: not an array per member
    Map<Integer, Map<String, String>> xattrs = new HashMap<>();
    for (int i = 0; i < n; i++) {
      last[i] = i;
      int root = layer.linkRoot[i];
      if (root < 0 || layer.kind[root] == EntryKind.AUFS_METADATA) {
        continue; // not a link, or an AUFS link: each of those gets a copy, not the inode
      }
      last[root] = i;
      Map<String, String> inode =
          xattrs.computeIfAbsent(root, r -> new LinkedHashMap<>(xattrsOf(layer.entries.get(r))));
      inode.remove(CAPABILITY);
      inode.putAll(xattrsOf(layer.entries.get(i)));
    }
    for (Map.Entry<Integer, Map<String, String>> group : xattrs.entrySet()) {
      TarEntry lastMember = layer.entries.get(last[group.getKey()]);
      if (!group.getValue().equals(xattrsOf(lastMember))) {
        List<PaxRecord> pax = new ArrayList<>();
        lastMember.extraPax().stream().filter(r -> !r.isXattr()).forEach(pax::add);
        group.getValue().forEach((key, value) -> pax.add(new PaxRecord(key, value)));
        merged.put(group.getKey(), lastMember.toBuilder().extraPax(pax).build());
      }
    }
    return new Inodes(last, merged);
  }

  private static Map<String, String> xattrsOf(TarEntry e) {
    Map<String, String> x = new LinkedHashMap<>();
    for (PaxRecord r : e.extraPax()) {
      if (r.isXattr()) {
        x.put(r.key(), r.value());
      }
    }
    return x;
  }

  /**
   * The metadata every written member of a hard-link group carries: the inode's final metadata, so
   * that extractors that apply link headers (engines) and those that ignore them (GNU tar) agree.
   * Null when the member's own header already is that.
   */
  static @Nullable TarEntry metadata(LayerIndex layer, Inodes inodes, int root, int member) {
    TarEntry merged = inodes.merged.get(root);
    if (merged != null) {
      return merged;
    }
    int last = inodes.last[root];
    return last == member ? null : layer.entries.get(last);
  }
}
