package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code flat-tar diff --json A B} run with the built jar, its report read as {@link DiffEntry}s.
 */
final class DiffReports {
  /**
   * What flat-tar said.
   *
   * @param code the exit status: 0 same, 1 different
   * @param filesystem the added, removed and changed paths, mtimes cut to whole seconds
   * @param config the config differences
   */
  record Report(
      int code,
      boolean same,
      long firstPaths,
      long secondPaths,
      List<DiffEntry> filesystem,
      List<DiffEntry> config) {}

  private DiffReports() {}

  static Report diff(Path jar, Path first, Path second) {
    Cmd.Result r =
        BuiltJar.run(jar, Map.of(), List.of("diff", "--json", first.toString(), second.toString()));
    if (r.code() != 0 && r.code() != 1) {
      throw new AssertionError("flat-tar diff failed: " + r.describe());
    }
    JsonNode json;
    try {
      json = TestJson.MAPPER.readTree(r.stdout());
    } catch (IOException e) {
      throw new AssertionError("flat-tar diff --json printed no JSON: " + r.stdout(), e);
    }
    List<DiffEntry> filesystem = new ArrayList<>();
    List<DiffEntry> config = new ArrayList<>();
    for (JsonNode d : json.path("differences")) {
      String kind = d.path("kind").asText();
      Map<String, String> fields = new LinkedHashMap<>();
      for (JsonNode f : d.path("fields")) {
        String name = f.path("name").asText();
        String x = f.path("first").asText();
        String y = f.path("second").asText();
        if (name.equals("mtime")) {
          x = seconds(x);
          y = seconds(y);
        }
        if (fields.put(name, DiffEntry.pair(x, y)) != null) {
          throw new AssertionError("flat-tar named field " + name + " twice: " + d);
        }
      }
      DiffEntry entry = new DiffEntry(kind, d.path("path").asText(), fields);
      (kind.equals("config") ? config : filesystem).add(entry);
    }
    return new Report(
        r.code(),
        json.path("same").asBoolean(),
        json.path("firstPaths").asLong(),
        json.path("secondPaths").asLong(),
        filesystem,
        config);
  }

  /** {@code seconds.nanos} → {@code seconds}: the walker's trees keep whole seconds. */
  private static String seconds(String mtime) {
    int dot = mtime.indexOf('.');
    return dot < 0 ? mtime : mtime.substring(0, dot);
  }
}
