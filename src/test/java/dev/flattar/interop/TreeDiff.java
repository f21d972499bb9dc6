package dev.flattar.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Path-by-path comparison of two trees, rendered for a human: the first differing paths with the
 * fields that differ and both values, at most {@link #MAX_LINES} lines.
 *
 * <p>One engine artifact is allowed for: a directory that no layer declares (a parent of a declared
 * path, e.g. {@code .wh.bin/} above {@code .wh.bin/busybox} in a hand-made layer) is created by the
 * unpacker itself and gets the time of unpacking as its mtime, so the same image unpacked twice
 * shows two different times. A directory whose mtime is at or after {@code unpackedSince} (the
 * moment the case started, before anything was unpacked) on <em>both</em> sides is such a
 * directory; every other field of it is still compared. Where such a directory is empty, flat-tar
 * has to write it (nothing below it makes it any more), and writes it as unpackers make it but with
 * time 0, so the expected unpack time may also meet an actual time of 0.
 */
final class TreeDiff {
  static final int MAX_LINES = 20;

  private TreeDiff() {}

  /**
   * One differing path.
   *
   * @param sign {@code -} only in the expected tree, {@code +} only in the actual one, {@code ~} in
   *     both with different fields
   * @param detail where it is, or which fields differ with both values
   */
  record Entry(char sign, String path, String detail) {
    String line() {
      return sign + " " + path + "  " + detail;
    }
  }

  /** Every difference, one line each, in path order; empty if the trees are the same. */
  static List<String> differences(Tree expected, Tree actual, long unpackedSince) {
    return entries(expected, actual, unpackedSince).stream().map(Entry::line).toList();
  }

  /** Every difference, in path order, as {@link #differences} shows them. */
  static List<Entry> entries(Tree expected, Tree actual, long unpackedSince) {
    List<Entry> out = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(expected.rows().keySet());
    paths.addAll(actual.rows().keySet());
    for (String path : paths) {
      Tree.Row a = expected.rows().get(path);
      Tree.Row b = actual.rows().get(path);
      if (b == null) {
        out.add(new Entry('-', path, "only in " + expected.source() + " (" + brief(a) + ")"));
      } else if (a == null) {
        out.add(new Entry('+', path, "only in " + actual.source() + " (" + brief(b) + ")"));
      } else if (!a.equals(b) && !sameButUnpackTime(a, b, unpackedSince)) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < Tree.Row.FIELDS.size(); i++) {
          String x = a.values().get(i);
          String y = b.values().get(i);
          if (!x.equals(y)) {
            fields.add(Tree.Row.FIELDS.get(i) + " " + x + " != " + y);
          }
        }
        out.add(new Entry('~', path, String.join("; ", fields)));
      }
    }
    return out;
  }

  /** Fails with a readable report unless both trees are the same. */
  static void assertSame(String what, Tree expected, Tree actual, long unpackedSince) {
    List<String> diff = differences(expected, actual, unpackedSince);
    if (diff.isEmpty()) {
      return;
    }
    StringBuilder msg = new StringBuilder();
    msg.append(what)
        .append(": ")
        .append(diff.size())
        .append(" path(s) differ between ")
        .append(expected.source())
        .append(" (")
        .append(expected.size())
        .append(" paths, left values) and ")
        .append(actual.source())
        .append(" (")
        .append(actual.size())
        .append(" paths, right values):");
    int shown = Math.min(diff.size(), MAX_LINES - 2);
    for (String line : diff.subList(0, shown)) {
      msg.append("\n  ").append(line);
    }
    if (diff.size() > shown) {
      msg.append("\n  ... and ").append(diff.size() - shown).append(" more");
    }
    throw new AssertionError(msg.toString());
  }

  /**
   * Both are directories the unpackers made up (mtime = unpack time), or the actual one is such a
   * directory as flat-tar writes it (time 0); equal in all else.
   */
  static boolean sameButUnpackTime(Tree.Row a, Tree.Row b, long unpackedSince) {
    long actual = Long.parseLong(b.mtime());
    return a.type().equals("d")
        && b.type().equals("d")
        && Long.parseLong(a.mtime()) >= unpackedSince
        && (actual >= unpackedSince || actual == 0)
        && a.withoutMtime().equals(b.withoutMtime());
  }

  private static String brief(Tree.Row r) {
    return r.type() + " " + r.mode() + " " + r.uid() + ":" + r.gid();
  }
}
