package dev.flattar.diff;

import dev.flattar.model.Difference;
import dev.flattar.model.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two merged filesystems compared path by path (pure: what differs, never how it was read). Paths
 * are compared as the headers' bytes and shown as text ({@link Texts#tarName}).
 */
public final class TreeDifferences {
  private TreeDifferences() {}

  /**
   * Every difference, in path order.
   *
   * @param ignoreMtime leave modification times out
   */
  public static List<Difference> of(
      Map<String, FsEntry> first, Map<String, FsEntry> second, boolean ignoreMtime) {
    List<Difference> out = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(first.keySet());
    paths.addAll(second.keySet());
    for (String path : paths) {
      FsEntry a = first.get(path);
      FsEntry b = second.get(path);
      String shown = Texts.tarName(path);
      if (a == null && b != null) {
        out.add(new Difference(Difference.Kind.ADDED, shown, List.of(type(b))));
      } else if (b == null && a != null) {
        out.add(new Difference(Difference.Kind.REMOVED, shown, List.of(type(a))));
      } else if (a != null && b != null) {
        List<Difference.Field> fields = fields(a, b, ignoreMtime);
        if (!fields.isEmpty()) {
          out.add(new Difference(Difference.Kind.CHANGED, shown, fields));
        }
      }
    }
    return out;
  }

  private static Difference.Field type(FsEntry e) {
    return new Difference.Field("type", e.type(), e.type());
  }

  private static List<Difference.Field> fields(FsEntry a, FsEntry b, boolean ignoreMtime) {
    List<Difference.Field> fields = new ArrayList<>();
    field(fields, "type", a.type(), b.type());
    field(fields, "mode", String.format("%04o", a.mode()), String.format("%04o", b.mode()));
    field(fields, "owner", a.uid() + ":" + a.gid(), b.uid() + ":" + b.gid());
    field(fields, "size", Long.toString(a.size()), Long.toString(b.size()));
    field(fields, "content", Texts.tarName(a.content()), Texts.tarName(b.content()));
    TreeSet<String> keys = new TreeSet<>(a.xattrs().keySet());
    keys.addAll(b.xattrs().keySet());
    for (String key : keys) {
      field(fields, key, a.xattrs().getOrDefault(key, ""), b.xattrs().getOrDefault(key, ""));
    }
    field(fields, "hard links", Texts.tarName(a.linkGroup()), Texts.tarName(b.linkGroup()));
    boolean bothTimed = !a.mtime().isEmpty() && !b.mtime().isEmpty();
    if (!ignoreMtime && bothTimed) {
      field(fields, "mtime", a.mtime(), b.mtime());
    }
    return fields;
  }

  private static void field(List<Difference.Field> fields, String name, String a, String b) {
    if (!Objects.equals(a, b)) {
      fields.add(new Difference.Field(name, a, b));
    }
  }
}
