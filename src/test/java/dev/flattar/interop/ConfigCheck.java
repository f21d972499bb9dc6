package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The flattened image's config must be the original's apart from {@code rootfs}, {@code history}
 * and {@code created}: same fields, same values, and (where the original's order is defined by the
 * archive) the same order.
 */
final class ConfigCheck {
  static final Set<String> REWRITTEN = Set.of("rootfs", "history", "created");

  private ConfigCheck() {}

  static List<String> differences(OriginalImage original, ObjectNode flattened) {
    List<String> out = new ArrayList<>();
    List<String> before = keptFields(original.config());
    List<String> after = keptFields(flattened);
    for (String f : before) {
      if (!flattened.has(f)) {
        out.add("field '" + f + "' dropped (was " + cut(original.config().get(f)) + ")");
      } else if (!original.config().get(f).equals(flattened.get(f))) {
        out.add(
            "field '"
                + f
                + "' changed: "
                + cut(original.config().get(f))
                + " -> "
                + cut(flattened.get(f)));
      }
    }
    for (String f : after) {
      if (!original.config().has(f)) {
        out.add("field '" + f + "' added: " + cut(flattened.get(f)));
      }
    }
    if (out.isEmpty() && original.configOrderMatters() && !before.equals(after)) {
      out.add("field order changed: " + before + " -> " + after);
    }
    return out;
  }

  private static List<String> keptFields(ObjectNode config) {
    List<String> names = new ArrayList<>();
    config.fieldNames().forEachRemaining(names::add);
    names.removeAll(REWRITTEN);
    return names;
  }

  private static String cut(JsonNode node) {
    String s = node.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
