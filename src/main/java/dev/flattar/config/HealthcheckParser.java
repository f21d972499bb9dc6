package dev.flattar.config;

import dev.flattar.config.ConfigChange.Healthcheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code HEALTHCHECK [--interval=D] [--timeout=D] [--start-period=D] [--retries=N] CMD command} and
 * {@code HEALTHCHECK NONE}, as Docker parses them (buildkit {@code parseHealthConfig} and {@code
 * parseHealthcheck}). Later engines also take {@code --start-interval}; Engine 20.10 refuses it,
 * and so does flat-tar.
 */
final class HealthcheckParser {
  /** Docker's {@code container.MinimumDuration}. */
  private static final Duration MINIMUM = Duration.ofMillis(1);

  private static final Set<String> FLAGS = Set.of("interval", "timeout", "start-period", "retries");

  private HealthcheckParser() {}

  /**
   * Parses the arguments after the keyword.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Healthcheck parse(List<String> flags, String arguments) {
    int sep = 0;
    while (sep < arguments.length() && !GoText.isSpace(arguments.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      throw new IllegalArgumentException("HEALTHCHECK requires at least one argument");
    }
    String type = arguments.substring(0, sep).toUpperCase(Locale.ROOT);
    String command = GoText.trimLeft(arguments.substring(sep));
    List<String> exec = command.isEmpty() ? null : JsonForm.strings(command);
    if (type.equals("NONE")) {
      // Docker checks no flag here: HEALTHCHECK --interval=5s NONE is plain NONE.
      if (!command.isEmpty() && (exec == null || !exec.isEmpty())) {
        throw new IllegalArgumentException("HEALTHCHECK NONE takes no arguments");
      }
      return new Healthcheck(List.of("NONE"), Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }
    Map<String, String> values = BuilderFlags.parse(flags, FLAGS);
    if (!type.equals("CMD")) {
      throw new IllegalArgumentException(
          "unknown type '" + arguments.substring(0, sep) + "' in HEALTHCHECK (try CMD)");
    }
    List<String> test = new ArrayList<>();
    if (exec != null) {
      test.add("CMD");
      test.addAll(exec);
    } else if (!command.isEmpty()) {
      test.add("CMD-SHELL");
      test.add(command);
    }
    if (test.size() < 2) {
      throw new IllegalArgumentException("missing command after HEALTHCHECK CMD");
    }
    return new Healthcheck(
        test,
        duration(values, "interval"),
        duration(values, "timeout"),
        duration(values, "start-period"),
        retries(values.getOrDefault("retries", "")));
  }

  private static Duration duration(Map<String, String> values, String flag) {
    String text = values.getOrDefault(flag, "");
    if (text.isEmpty()) {
      return Duration.ZERO;
    }
    Duration d;
    try {
      d = GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + flag + "=" + text + ": " + e.getMessage(), e);
    }
    if (d.compareTo(MINIMUM) < 0) {
      throw new IllegalArgumentException("--" + flag + "=" + text + " is less than 1ms");
    }
    return d;
  }

  /** Go's {@code strconv.ParseInt(text, 10, 32)}, at least 1; empty is "not given". */
  private static int retries(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    long n;
    try {
      n = text.matches("[+-]?[0-9]+") ? Long.parseLong(text) : Long.MIN_VALUE;
    } catch (NumberFormatException e) {
      n = Long.MIN_VALUE;
    }
    if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("--retries=" + text + " is not a number");
    }
    if (n < 1) {
      throw new IllegalArgumentException("--retries must be at least 1 (not " + n + ")");
    }
    return (int) n;
  }
}
