package dev.flattar.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Difference;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Two image configs compared field by field, recursing into objects; arrays and values compared
 * whole. By default the fields that flattening rewrites are left out: {@code rootfs}, {@code
 * history} and {@code created}.
 */
public final class ConfigDifferences {
  private static final List<String> REWRITTEN = List.of("rootfs", "history", "created");

  private ConfigDifferences() {}

  /**
   * Every difference, by JSON pointer in order.
   *
   * @param all compare rootfs, history and created too
   */
  public static List<Difference> of(ObjectNode first, ObjectNode second, boolean all) {
    ObjectNode a = first.deepCopy();
    ObjectNode b = second.deepCopy();
    if (!all) {
      a.remove(REWRITTEN);
      b.remove(REWRITTEN);
    }
    List<Difference> out = new ArrayList<>();
    compare("", a, b, out);
    return out;
  }

  private static void compare(String pointer, JsonNode a, JsonNode b, List<Difference> out) {
    if (a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        compare(
            pointer + "/" + key.replace("~", "~0").replace("/", "~1"),
            a.path(key),
            b.path(key),
            out);
      }
      return;
    }
    if (!a.equals(b)) {
      out.add(
          new Difference(
              Difference.Kind.CONFIG,
              pointer,
              List.of(new Difference.Field("value", text(a), text(b)))));
    }
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() ? "" : n.toString();
  }
}
