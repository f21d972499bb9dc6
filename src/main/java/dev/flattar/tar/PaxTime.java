package dev.flattar.tar;

import org.jspecify.annotations.Nullable;

/** PAX time values: decimal seconds with an optional fraction, possibly negative. */
final class PaxTime {
  private PaxTime() {}

  /** Returns {seconds, nanos} with nanos in [0, 1e9), or null if the text is not a time. */
  static long @Nullable [] parse(String text) {
    boolean negative = text.startsWith("-");
    String body = negative ? text.substring(1) : text;
    int dot = body.indexOf('.');
    String whole = dot < 0 ? body : body.substring(0, dot);
    String fraction = dot < 0 ? "" : body.substring(dot + 1);
    if (whole.isEmpty() || !digits(whole) || !digits(fraction) || whole.length() > 18) {
      return null;
    }
    long seconds = Long.parseLong(whole);
    String nineDigits = (fraction + "000000000").substring(0, 9);
    long nanos = Long.parseLong(nineDigits);
    if (negative) {
      seconds = -seconds;
      if (nanos != 0) {
        seconds -= 1;
        nanos = 1_000_000_000L - nanos;
      }
    }
    return new long[] {seconds, nanos};
  }

  /** Formats seconds and nanos the way Go does: the fraction without trailing zeros. */
  static String format(long seconds, int nanos) {
    if (nanos == 0) {
      return Long.toString(seconds);
    }
    long s = seconds;
    long n = nanos;
    String sign = "";
    if (s < 0) {
      sign = "-";
      s = -s - 1;
      n = 1_000_000_000L - n;
    }
    String fraction = String.format("%09d", n).replaceAll("0+$", "");
    return sign + s + "." + fraction;
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
