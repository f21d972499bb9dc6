package dev.flattar.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration} and {@code Duration.String}, for HEALTHCHECK's {@code
 * --interval}, {@code --timeout} and {@code --start-period}: the same texts are accepted ("1m30s",
 * "1.5s", "500ms", "2h"), and the same nanoseconds come out, fractions included (Go computes them
 * in float64, and so does this).
 */
final class GoDuration {
  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

  private GoDuration() {}

  /**
   * Parses {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+} or "0".
   *
   * @throws IllegalArgumentException with Go's message ("time: invalid duration \"x\"")
   */
  static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigInteger total = BigInteger.ZERO;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '.' && !isDigit(c)) {
        throw invalid(text);
      }
      int start = i;
      BigInteger whole = BigInteger.ZERO;
      while (i < s.length() && isDigit(s.charAt(i))) {
        whole = whole.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i++) - '0'));
        if (whole.compareTo(TWO_63) > 0) {
          throw invalid(text);
        }
      }
      boolean digitsBefore = i > start;
      long fraction = 0;
      double scale = 1;
      boolean digitsAfter = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        boolean overflow = false;
        for (; i < s.length() && isDigit(s.charAt(i)); i++) {
          digitsAfter = true;
          // Go stops adding precision once the fraction would pass 2^63-1, without an error.
          long next = fraction * 10 + (s.charAt(i) - '0');
          if (overflow || fraction > Long.MAX_VALUE / 10 || next < 0) {
            overflow = true;
            continue;
          }
          fraction = next;
          scale *= 10;
        }
      }
      if (!digitsBefore && !digitsAfter) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
      }
      String unitName = s.substring(unitStart, i);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(unitName) + " in duration " + quote(text));
      }
      BigInteger value = whole.multiply(BigInteger.valueOf(unit));
      if (fraction > 0) {
        value = value.add(BigInteger.valueOf((long) (fraction * ((double) unit / scale))));
      }
      total = total.add(value);
      if (value.compareTo(TWO_63) > 0 || total.compareTo(TWO_63) > 0) {
        throw invalid(text);
      }
    }
    if (!negative && total.compareTo(TWO_63) >= 0) {
      throw invalid(text);
    }
    long nanos = total.longValue(); // 2^63 wraps to Long.MIN_VALUE, as Go's -Duration(1<<63)
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  /** Go's {@code Duration.String} for a positive duration: "1.5s", "1m30s", "500ms", "2h0m0s". */
  static String format(Duration d) {
    long n = d.toNanos();
    if (n < 1_000_000_000L) {
      if (n < 1_000L) {
        return n + "ns";
      }
      if (n < 1_000_000L) {
        return fraction(n, 1_000L) + "\u00b5s";
      }
      return fraction(n, 1_000_000L) + "ms";
    }
    String seconds = fraction(n % 60_000_000_000L, 1_000_000_000L) + "s";
    long minutes = n / 60_000_000_000L;
    if (minutes == 0) {
      return seconds;
    }
    if (minutes < 60) {
      return minutes + "m" + seconds;
    }
    return minutes / 60 + "h" + minutes % 60 + "m" + seconds;
  }

  /** {@code n / unit} with the fraction's trailing zeros (and a bare point) left out. */
  private static String fraction(long n, long unit) {
    String whole = Long.toString(n / unit);
    long rest = n % unit;
    if (rest == 0) {
      return whole;
    }
    String digits = Long.toString(unit + rest).substring(1).replaceAll("0+$", "");
    return whole + "." + digits;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + quote(text));
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
