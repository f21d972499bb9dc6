package dev.flattar.config;

import java.util.ArrayDeque;
import java.util.Comparator;

/**
 * The few Go string rules Docker's Dockerfile parser relies on, so that Java splits, trims and
 * sorts exactly where Go does: {@code unicode.IsSpace} (not {@link Character#isWhitespace}, which
 * leaves out U+00A0 and adds U+001C..U+001F), {@code strings.TrimSpace}, and Go's byte-wise order
 * of UTF-8 strings (the order {@code encoding/json} writes map keys in).
 */
final class GoText {
  /** Go's string order: UTF-8 byte order, which is code point order (not UTF-16 unit order). */
  static final Comparator<String> ORDER = GoText::compare;

  private GoText() {}

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int c) {
    if (c <= 0xff) {
      return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xa0;
    }
    return c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  /** The characters of the regular expression {@code [\t\v\f\r ]} Docker splits arguments on. */
  static boolean isBlank(int c) {
    return c == ' ' || c == '\t' || c == 0x0b || c == '\f' || c == '\r';
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    return trimRight(trimLeft(s));
  }

  /** Go's {@code strings.TrimLeftFunc(s, unicode.IsSpace)}. */
  static String trimLeft(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.codePointAt(i))) {
      i += Character.charCount(s.codePointAt(i));
    }
    return s.substring(i);
  }

  static String trimRight(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(0, end);
  }

  /** Splits on runs of {@code [\t\v\f\r ]}, at most {@code limit} parts (Go's regexp Split). */
  static String[] splitBlanks(String s, int limit) {
    return s.split("[\\t\\x0B\\f\\r ]+", limit);
  }

  /** Go's {@code path.Clean} of a rooted path: "." and ".." resolved, slashes collapsed. */
  static String cleanRooted(String path) {
    ArrayDeque<String> out = new ArrayDeque<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        out.pollLast(); // ".." at the root stays at the root
      } else {
        out.addLast(part);
      }
    }
    return "/" + String.join("/", out);
  }

  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
