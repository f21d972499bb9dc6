package dev.flattar.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.DiffReport;
import dev.flattar.model.Difference;
import dev.flattar.model.Json;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Shows a {@link DiffReport}: a summary and the first differences, or all of it as JSON. */
final class DiffFormat {
  /** Differences shown without --verbose. */
  static final int SHOWN = 20;

  private DiffFormat() {}

  static void text(DiffReport r, boolean all, PrintStream out) {
    if (r.same()) {
      out.printf(
          "%s and %s have the same filesystem (%,d %s) and config%n",
          r.first(), r.second(), r.firstPaths(), r.firstPaths() == 1 ? "path" : "paths");
      return;
    }
    List<String> counts = new ArrayList<>();
    count(counts, r.count(Difference.Kind.CHANGED), "path changed", "paths changed");
    count(counts, r.count(Difference.Kind.ADDED), "path added", "paths added");
    count(counts, r.count(Difference.Kind.REMOVED), "path removed", "paths removed");
    count(counts, r.count(Difference.Kind.CONFIG), "config field", "config fields");
    out.printf("%s and %s differ: %s%n", r.first(), r.second(), String.join(", ", counts));
    List<Difference> shown = all ? r.differences() : r.differences().stream().limit(SHOWN).toList();
    for (Difference d : shown) {
      out.println(line(d));
    }
    if (shown.size() < r.differences().size()) {
      out.printf(
          "… and %,d more (--verbose shows them all)%n", r.differences().size() - shown.size());
    }
  }

  static String line(Difference d) {
    return switch (d.kind()) {
      case ADDED -> "+ " + d.path() + " (" + d.fields().get(0).second() + ")";
      case REMOVED -> "- " + d.path() + " (" + d.fields().get(0).first() + ")";
      case CHANGED -> "~ " + d.path() + ": " + fields(d);
      case CONFIG ->
          "~ config "
              + d.path()
              + ": "
              + shown(d.fields().get(0).first())
              + " → "
              + shown(d.fields().get(0).second());
    };
  }

  static void json(DiffReport r, PrintStream out) {
    ObjectNode root = Json.object();
    root.put("same", r.same());
    root.put("first", r.first());
    root.put("second", r.second());
    root.put("firstPaths", r.firstPaths());
    root.put("secondPaths", r.secondPaths());
    ObjectNode counts = root.putObject("counts");
    for (Difference.Kind kind : Difference.Kind.values()) {
      counts.put(kind.name().toLowerCase(Locale.ROOT), r.count(kind));
    }
    ArrayNode all = root.putArray("differences");
    for (Difference d : r.differences()) {
      ObjectNode o = all.addObject();
      o.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
      o.put("path", d.path());
      ArrayNode fields = o.putArray("fields");
      for (Difference.Field f : d.fields()) {
        fields.addObject().put("name", f.name()).put("first", f.first()).put("second", f.second());
      }
    }
    out.println(new String(Json.write(root), StandardCharsets.UTF_8));
  }

  private static String fields(Difference d) {
    List<String> parts = new ArrayList<>();
    for (Difference.Field f : d.fields()) {
      parts.add(f.name() + " " + shown(f.first()) + " → " + shown(f.second()));
    }
    return String.join("; ", parts);
  }

  private static String shown(String value) {
    if (value.isEmpty()) {
      return "(none)";
    }
    return value.length() > 200 ? value.substring(0, 197) + "…" : value;
  }

  private static void count(List<String> counts, long n, String one, String many) {
    if (n > 0) {
      counts.add(String.format("%,d %s", n, n == 1 ? one : many));
    }
  }
}
