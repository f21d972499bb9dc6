package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an engine shows differs between two images, in {@code flat-tar diff}'s terms: the paths from
 * {@link TreeDiff} over the two mounted trees (with its rule for directories the unpacker made up),
 * each field mapped to flat-tar's name and notation:
 *
 * <ul>
 *   <li>{@code type}: the walker's {@code f d l c b p} are {@code file dir symlink char block
 *       fifo};
 *   <li>{@code mode}: four octal digits on both sides; {@code owner}: {@code uid:gid};
 *   <li>{@code size}: the walker's {@code -} (not a regular file) is flat-tar's {@code 0};
 *   <li>{@code content}: {@code sha256:hex}, a symlink's target or a device's {@code major,minor}
 *       on both sides; the walker's {@code -} is flat-tar's empty value;
 *   <li>each xattr {@code NAME}: flat-tar's field {@code SCHILY.xattr.NAME}, the value as hex of
 *       its bytes (the walker shows printable values as JSON strings, others as {@code 0x}hex);
 *   <li>{@code hard links}: the walker labels a hard-link group by its first path, so a group that
 *       gains or loses a member keeps its label on the others; the label is replaced by the whole
 *       group, its paths sorted and joined with {@code ", "} (flat-tar's notation), and a path
 *       alone on its inode has none, as in flat-tar;
 *   <li>{@code mtime}: whole seconds (the walker's trees keep seconds only; flat-tar's {@code
 *       seconds.nanos} is cut to its seconds by {@link DiffReports}).
 * </ul>
 *
 * <p>The config is podman's {@code image inspect}: {@code Config} is the config's {@code config},
 * {@code Architecture}, {@code Os} and {@code Author} its fields of those names; compared as
 * flat-tar compares configs (objects field by field, arrays and values whole), by JSON pointer.
 */
final class EngineDifferences {
  private static final Map<String, String> TYPES =
      Map.of("f", "file", "d", "dir", "l", "symlink", "c", "char", "b", "block", "p", "fifo");

  private EngineDifferences() {}

  /** The filesystem differences from {@code first} to {@code second}, in path order. */
  static List<DiffEntry> filesystem(Tree first, Tree second, long unpackedSince) {
    Tree a = withWholeGroups(first);
    Tree b = withWholeGroups(second);
    List<DiffEntry> out = new ArrayList<>();
    for (TreeDiff.Entry e : TreeDiff.entries(a, b, unpackedSince)) {
      Tree.Row x = a.rows().get(e.path());
      Tree.Row y = b.rows().get(e.path());
      switch (e.sign()) {
        case '-' -> out.add(new DiffEntry("removed", e.path(), typeOnly(x)));
        case '+' -> out.add(new DiffEntry("added", e.path(), typeOnly(y)));
        default -> {
          Map<String, String> fields = fields(x, y, unpackedSince);
          if (fields.isEmpty()) {
            throw new AssertionError("the mapping to flat-tar's fields lost " + e.line());
          }
          out.add(new DiffEntry("changed", e.path(), fields));
        }
      }
    }
    return out;
  }

  /** The config differences between two {@code podman image inspect} objects. */
  static List<DiffEntry> config(JsonNode first, JsonNode second) {
    List<DiffEntry> out = new ArrayList<>();
    compare("", config(first), config(second), out);
    return out;
  }

  private static ObjectNode config(JsonNode inspect) {
    ObjectNode c = TestJson.MAPPER.createObjectNode();
    c.set("config", inspect.path("Config"));
    for (String field : List.of("Architecture", "Os", "Author")) {
      String value = inspect.path(field).asText("");
      if (!value.isEmpty()) {
        c.put(field.toLowerCase(java.util.Locale.ROOT), value);
      }
    }
    return c;
  }

  private static void compare(String pointer, JsonNode a, JsonNode b, List<DiffEntry> out) {
    if (a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        String escaped = key.replace("~", "~0").replace("/", "~1");
        compare(pointer + "/" + escaped, a.path(key), b.path(key), out);
      }
    } else if (!a.equals(b)) {
      out.add(new DiffEntry("config", pointer, Map.of("value", DiffEntry.pair(text(a), text(b)))));
    }
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() ? "" : n.toString();
  }

  private static Map<String, String> typeOnly(Tree.Row r) {
    return Map.of("type", DiffEntry.pair(TYPES.get(r.type()), TYPES.get(r.type())));
  }

  private static Map<String, String> fields(Tree.Row a, Tree.Row b, long unpackedSince) {
    Map<String, String> fa = flatTarFields(a);
    Map<String, String> fb = flatTarFields(b);
    if (madeUp(a, unpackedSince) && madeUp(b, unpackedSince)) {
      fa.remove("mtime");
      fb.remove("mtime");
    }
    Map<String, String> out = new LinkedHashMap<>();
    TreeSet<String> names = new TreeSet<>(fa.keySet());
    names.addAll(fb.keySet());
    for (String name : names) {
      String x = fa.getOrDefault(name, "");
      String y = fb.getOrDefault(name, "");
      if (!x.equals(y)) {
        out.put(name, DiffEntry.pair(x, y));
      }
    }
    return out;
  }

  /**
   * A directory the unpacker made, as {@link TreeDiff} recognises one: its time is the unpack's.
   */
  private static boolean madeUp(Tree.Row r, long unpackedSince) {
    return r.type().equals("d") && Long.parseLong(r.mtime()) >= unpackedSince;
  }

  private static Map<String, String> flatTarFields(Tree.Row r) {
    Map<String, String> f = new HashMap<>();
    f.put("type", TYPES.getOrDefault(r.type(), r.type()));
    f.put("mode", r.mode());
    f.put("owner", r.uid() + ":" + r.gid());
    f.put("size", r.size().equals("-") ? "0" : r.size());
    f.put("content", r.data().equals("-") ? "" : r.data());
    xattrs(r.xattrs()).forEach((name, hex) -> f.put("SCHILY.xattr." + name, hex));
    f.put("hard links", r.linkGroup().equals("-") ? "" : r.linkGroup());
    f.put("mtime", r.mtime());
    return f;
  }

  /**
   * The walker's {@code name=value,name=value} (or {@code -}), each value a JSON string or {@code
   * 0x}hex, as name → hex of the value's bytes.
   */
  static Map<String, String> xattrs(String shown) {
    Map<String, String> out = new TreeMap<>();
    if (shown.equals("-")) {
      return out;
    }
    int i = 0;
    while (i < shown.length()) {
      int eq = shown.indexOf('=', i);
      String name = shown.substring(i, eq);
      int end;
      String hex;
      if (shown.charAt(eq + 1) == '"') {
        end = eq + 2;
        while (shown.charAt(end) != '"') {
          end += shown.charAt(end) == '\\' ? 2 : 1;
        }
        end++;
        hex = HexFormat.of().formatHex(jsonString(shown.substring(eq + 1, end)));
      } else {
        end = shown.indexOf(',', eq);
        end = end < 0 ? shown.length() : end;
        String value = shown.substring(eq + 1, end);
        if (!value.startsWith("0x")) {
          throw new AssertionError("walker xattr value neither JSON nor 0x hex: " + shown);
        }
        hex = value.substring(2);
      }
      out.put(name, hex);
      i = end + 1; // past the comma
    }
    return out;
  }

  private static byte[] jsonString(String quoted) {
    try {
      return TestJson.MAPPER.readTree(quoted).asText().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("walker xattr value is not JSON: " + quoted, e);
    }
  }

  /** The tree with each hard-link label replaced by the whole group it labels. */
  private static Tree withWholeGroups(Tree t) {
    Map<String, TreeSet<String>> groups = new HashMap<>();
    t.rows()
        .forEach(
            (path, row) -> {
              if (!row.linkGroup().equals("-")) {
                groups.computeIfAbsent(row.linkGroup(), k -> new TreeSet<>()).add(path);
              }
            });
    Map<String, Tree.Row> rows = new TreeMap<>();
    t.rows()
        .forEach(
            (path, r) -> {
              TreeSet<String> group = groups.get(r.linkGroup());
              String whole = group == null ? "-" : String.join(", ", group);
              rows.put(
                  path,
                  new Tree.Row(
                      r.type(),
                      r.mode(),
                      r.uid(),
                      r.gid(),
                      r.mtime(),
                      r.size(),
                      r.data(),
                      r.xattrs(),
                      whole));
            });
    return new Tree(t.source(), rows);
  }
}
