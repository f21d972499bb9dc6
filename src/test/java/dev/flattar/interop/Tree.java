package dev.flattar.interop;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A filesystem tree as an engine showed it, one row per path (the root itself excluded), in the
 * format of {@code inspect-archive.py --tree} and {@code testdata/engine/*.expected.tsv}.
 *
 * @param source who produced the view, e.g. "podman view of the original"
 */
record Tree(String source, Map<String, Row> rows) {

  /**
   * What is compared for one path. {@code mtime} is whole seconds; {@code data} is the content
   * digest, symlink target or device numbers; {@code linkGroup} names the first path of the set of
   * paths sharing the inode ("-" if none), so equal labels mean equal hard-link groups.
   */
  record Row(
      String type,
      String mode,
      String uid,
      String gid,
      String mtime,
      String size,
      String data,
      String xattrs,
      String linkGroup) {

    static final List<String> FIELDS =
        List.of("type", "mode", "uid", "gid", "mtime", "size", "data", "xattrs", "hard-link group");

    Row withoutMtime() {
      return withMtime("");
    }

    Row withMtime(String newMtime) {
      return new Row(type, mode, uid, gid, newMtime, size, data, xattrs, linkGroup);
    }

    Row withXattrs(String newXattrs) {
      return new Row(type, mode, uid, gid, mtime, size, data, newXattrs, linkGroup);
    }

    List<String> values() {
      return List.of(type, mode, uid, gid, mtime, size, data, xattrs, linkGroup);
    }
  }

  Tree {
    rows = Collections.unmodifiableMap(new TreeMap<>(rows));
  }

  /** Parses the walker's TSV: comment lines start with '#', the fields are tab-separated. */
  static Tree parse(String source, List<String> lines) {
    Map<String, Row> rows = new TreeMap<>();
    for (String line : lines) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 10) {
        throw new AssertionError(
            source + ": malformed tree line (" + f.length + " fields): " + line);
      }
      Row row = new Row(f[1], f[2], f[3], f[4], seconds(f[5]), f[6], f[7], f[8], f[9]);
      if (rows.put(f[0], row) != null) {
        throw new AssertionError(source + ": path listed twice: " + f[0]);
      }
    }
    return new Tree(source, rows);
  }

  int size() {
    return rows.size();
  }

  private static String seconds(String mtime) {
    int dot = mtime.indexOf('.');
    return dot < 0 ? mtime : mtime.substring(0, dot);
  }
}
