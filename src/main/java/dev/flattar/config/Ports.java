package dev.flattar.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPOSE's port specs as Docker reads them: {@code PORT}, {@code START-END} (one entry per port)
 * and either with {@code /tcp}, {@code /udp} or {@code /sctp} in any case (default tcp), as the
 * {@code ExposedPorts} keys Docker writes ({@code "80/tcp"}).
 *
 * <p>Docker also accepts {@code HOST:PORT} and {@code IP:HOST:PORT} there and keeps only the
 * container port; an image cannot bind a host port, so flat-tar refuses the host part instead of
 * dropping it. It also refuses {@code 1-2-3} and {@code 80/tcp/x}, which Engine 20.10 reads as
 * {@code 1-2} and {@code 80/tcp} but later engines refuse.
 */
final class Ports {
  private Ports() {}

  /**
   * The {@code ExposedPorts} keys {@code spec} stands for.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code spec}
   */
  static List<String> parse(String spec) {
    if (spec.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "'" + spec + "' has a host part; an image exposes container ports only");
    }
    String[] parts = spec.split("/", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("'" + spec + "' is not PORT[/PROTOCOL]");
    }
    String range = parts[0];
    String protocol = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "";
    if (range.isEmpty()) {
      throw new IllegalArgumentException("'" + spec + "' names no port");
    }
    if (protocol.isEmpty()) {
      protocol = "tcp";
    }
    if (!List.of("tcp", "udp", "sctp").contains(protocol)) {
      throw new IllegalArgumentException("unknown protocol '" + parts[1] + "' (tcp, udp or sctp)");
    }
    String[] ends = range.split("-", -1);
    if (ends.length > 2) {
      throw new IllegalArgumentException("'" + range + "' is not PORT or START-END");
    }
    int start = number(ends[0]);
    int end = ends.length == 2 ? number(ends[1]) : start;
    if (end < start) {
      throw new IllegalArgumentException("'" + range + "' ends before it starts");
    }
    List<String> keys = new ArrayList<>(end - start + 1);
    for (int p = start; p <= end; p++) {
      keys.add(p + "/" + protocol);
    }
    return keys;
  }

  /** Go's {@code strconv.ParseUint(s, 10, 16)}: ASCII digits, leading zeros allowed. */
  private static int number(String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("'" + digits + "' is not a port number");
    }
    String value = digits.replaceFirst("^0+(?=.)", "");
    if (value.length() > 5 || Integer.parseInt(value) > 65535) {
      throw new IllegalArgumentException("port " + digits + " is out of range (0 to 65535)");
    }
    return Integer.parseInt(value);
  }
}
