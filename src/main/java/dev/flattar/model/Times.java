package dev.flattar.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times given on the command line: RFC 3339 ({@code 2024-01-31T12:00:00Z}) or epoch seconds. */
public final class Times {
  private Times() {}

  /**
   * Parses {@code 2024-01-31T12:00:00Z}, {@code 2024-01-31T13:00:00+01:00}, {@code @1706702400} or
   * {@code 1706702400}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Instant parse(String text) {
    String t = text.trim();
    String digits = t.startsWith("@") ? t.substring(1) : t;
    if (digits.matches("-?\\d{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(digits));
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid time '"
              + text
              + "': use RFC 3339 (2024-01-31T12:00:00Z) or epoch seconds (@1706702400)");
    }
  }

  /** The form Docker writes in configs: {@code 2024-01-31T12:00:00Z}. */
  public static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
