package dev.flattar.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small helpers for messages. */
public final class Texts {
  private Texts() {}

  /** {@code count(1, "layer")} is "1 layer", {@code count(3, "layer")} is "3 layers". */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * {@code text} with control characters escaped ({@code \n}, {@code \r}, {@code \t}, else {@code
   * \xNN}), so that it stays one line and sends no escape sequences to a terminal.
   */
  public static String escapeControls(String text) {
    if (text.chars().noneMatch(Texts::isControl)) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(isControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return b.toString();
  }

  /**
   * A name as a tar header holds it (its bytes, one char each) as text: decoded as UTF-8 when it is
   * UTF-8, else with each byte above 0x7f as {@code \xNN}; control characters escaped either way.
   */
  public static String tarName(String raw) {
    if (raw.chars().allMatch(c -> c < 0x80)) {
      return escapeControls(raw);
    }
    byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return escapeControls(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      StringBuilder b = new StringBuilder(raw.length() + 16);
      for (char c : escapeControls(raw).toCharArray()) {
        b.append(c < 0x80 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
      }
      return b.toString();
    }
  }

  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0);
  }

  /** 1,234 B / 12.3 KiB / 4.5 MiB / 1.2 GiB. */
  public static String bytes(long n) {
    if (n < 1024) {
      return String.format(Locale.ROOT, "%,d B", n);
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
