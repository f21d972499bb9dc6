package dev.flattar.config;

import java.util.Locale;
import java.util.Set;

/**
 * STOPSIGNAL values Docker accepts ({@code signal.ParseSignal}): a non-zero decimal number, or a
 * Linux signal name in any case, with or without {@code SIG}. The value is kept as written, as
 * Docker keeps it.
 */
final class Signals {
  private static final Set<String> NAMES =
      Set.of(
          "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT",
          "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM",
          "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ",
          "RTMIN", "RTMAX");

  private Signals() {}

  /**
   * Checks {@code signal}.
   *
   * @throws IllegalArgumentException if Docker would refuse it
   */
  static void check(String signal) {
    if (signal.matches("[+-]?[0-9]+")) {
      long number;
      try {
        number = Long.parseLong(signal);
      } catch (NumberFormatException e) {
        number = 0; // beyond Go's int: Docker goes on to look it up as a name, and fails
      }
      if (number != 0) {
        return; // Docker takes any non-zero number that fits
      }
      if (signal.matches("[+-]?0+")) {
        throw new IllegalArgumentException("signal " + signal + " is zero");
      }
    }
    String name = signal.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    if (!NAMES.contains(name) && !isRealtime(name)) {
      throw new IllegalArgumentException(
          "'" + signal + "' is not a signal name or number (such as SIGTERM or 15)");
    }
  }

  /** RTMIN+1 to RTMIN+15 and RTMAX-14 to RTMAX-1, spelled exactly so. */
  private static boolean isRealtime(String name) {
    for (int i = 1; i <= 15; i++) {
      if (name.equals("RTMIN+" + i) || (i <= 14 && name.equals("RTMAX-" + i))) {
        return true;
      }
    }
    return false;
  }
}
