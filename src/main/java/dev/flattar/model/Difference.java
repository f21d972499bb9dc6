package dev.flattar.model;

import java.util.List;

/**
 * How two images differ at one path (or one config field).
 *
 * @param path the path ({@code etc/passwd}), or the config field's JSON pointer ({@code
 *     /config/Env}) for {@link Kind#CONFIG}
 * @param fields what differs, each with both values (empty for added and removed paths, which name
 *     their type in {@code fields} instead)
 */
public record Difference(Kind kind, String path, List<Field> fields) {
  public Difference {
    fields = List.copyOf(fields);
  }

  /** What kind of difference. */
  public enum Kind {
    /** Only in the second image. */
    ADDED,
    /** Only in the first image. */
    REMOVED,
    /** In both, but not the same. */
    CHANGED,
    /** A config field. */
    CONFIG
  }

  /** One field's two values: the first image's, the second's ("" where there is none). */
  public record Field(String name, String first, String second) {}
}
