package dev.flattar.interop;

import java.util.Map;

/**
 * One difference between two images, in the terms of {@code flat-tar diff --json}, whoever found
 * it: flat-tar, or an engine's two mounted trees mapped to those terms ({@link EngineDifferences}).
 *
 * @param kind {@code added}, {@code removed}, {@code changed} or {@code config}
 * @param path the path (a JSON pointer for {@code config})
 * @param fields each differing field by flat-tar's name, as {@code first → second}; an added or
 *     removed path has only {@code type}
 */
record DiffEntry(String kind, String path, Map<String, String> fields) {
  DiffEntry {
    fields = Map.copyOf(fields);
  }

  /** {@code kind path}: what the two views must agree on first. */
  String key() {
    return kind + " " + path;
  }

  static String pair(String first, String second) {
    return first + " → " + second;
  }
}
