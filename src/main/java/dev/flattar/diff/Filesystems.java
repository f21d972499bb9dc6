package dev.flattar.diff;

import dev.flattar.merge.Plan;
import dev.flattar.merge.PlannedEntry;
import dev.flattar.model.UnsafePathException;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The merged filesystem a plan describes, path by path, as an unpacker makes it: hard links show
 * their holder's inode (whose header the plan gives the xattrs of every member of its group),
 * parents no member names are directories (0755, root, the time of unpacking).
 */
public final class Filesystems {
  private Filesystems() {}

  /**
   * Every path of the plan's filesystem with what an unpacker makes of it.
   *
   * @param contents each regular file's sha256 (hex), by its index in the plan
   */
  public static Map<String, FsEntry> of(Plan plan, Map<Integer, String> contents)
      throws UnsafePathException {
    Map<String, FsEntry> tree = new TreeMap<>();
    Map<String, List<String>> groups = new HashMap<>();
    Map<String, String> holderOf = new HashMap<>();
    List<PlannedEntry> entries = plan.entries();
    for (int i = 0; i < entries.size(); i++) {
      TarEntry h = plan.header(entries.get(i));
      String path = TarPaths.normalize(h.name());
      if (path.isEmpty()) {
        continue; // the root: not compared, as engines show it
      }
      if (h.type() == EntryType.HARDLINK) {
        String holder =
            holderOf.getOrDefault(
                TarPaths.normalize(h.linkName()), TarPaths.normalize(h.linkName()));
        holderOf.put(path, holder);
        groups.computeIfAbsent(holder, k -> new ArrayList<>(List.of(k))).add(path);
        FsEntry inode = tree.get(holder);
        // one inode: the link shows its holder's mode, owner, times and xattrs, not its own
        // header's
        tree.put(path, inode != null ? inode : entry(h, "file", 0, ""));
        continue;
      }
      tree.put(path, entry(h, type(h.type()), h.size(), content(h, contents.get(i))));
    }
    groups.forEach(
        (holder, members) -> {
          String group = String.join(", ", new TreeSet<>(members));
          for (String member : members) {
            FsEntry e = tree.get(member);
            if (e != null) {
              tree.put(member, withGroup(e, group));
            }
          }
        });
    for (String path : List.copyOf(tree.keySet())) {
      for (String p = TarPaths.parent(path); !p.isEmpty(); p = TarPaths.parent(p)) {
        tree.putIfAbsent(p, new FsEntry("dir", 0755, 0, 0, "", 0, "", Map.of(), ""));
      }
    }
    return tree;
  }

  private static FsEntry entry(TarEntry h, String type, long size, String content) {
    Map<String, String> xattrs = new TreeMap<>();
    for (PaxRecord r : h.extraPax()) {
      xattrs.put(r.key(), hex(r.value()));
    }
    String mtime =
        h.mtimeNanos() == 0
            ? Long.toString(h.mtimeSeconds())
            : h.mtimeSeconds() + "." + String.format("%09d", h.mtimeNanos());
    return new FsEntry(type, h.mode(), h.uid(), h.gid(), mtime, size, content, xattrs, "");
  }

  private static String hex(String raw) {
    return HexFormat.of().formatHex(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static FsEntry withGroup(FsEntry e, String group) {
    return new FsEntry(
        e.type(), e.mode(), e.uid(), e.gid(), e.mtime(), e.size(), e.content(), e.xattrs(), group);
  }

  private static String content(TarEntry h, @Nullable String sha) {
    return switch (h.type()) {
      case FILE -> sha == null ? "" : "sha256:" + sha;
      case SYMLINK -> h.linkName();
      case CHAR_DEVICE, BLOCK_DEVICE -> h.devMajor() + "," + h.devMinor();
      default -> "";
    };
  }

  private static String type(EntryType type) {
    return switch (type) {
      case FILE, HARDLINK -> "file";
      case DIRECTORY -> "dir";
      case SYMLINK -> "symlink";
      case CHAR_DEVICE -> "char";
      case BLOCK_DEVICE -> "block";
      case FIFO -> "fifo";
    };
  }
}
