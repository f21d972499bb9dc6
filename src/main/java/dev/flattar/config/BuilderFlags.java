package dev.flattar.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name=value} flags before an instruction's arguments, as Docker's {@code BFlags}
 * reads them; of the instructions {@code --change} accepts, only HEALTHCHECK has any.
 */
final class BuilderFlags {
  private BuilderFlags() {}

  /**
   * The values of {@code flags} by name.
   *
   * @throws IllegalArgumentException for an unknown, repeated or value-less flag
   */
  static Map<String, String> parse(List<String> flags, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (String flag : flags) {
      if (flag.equals("--")) {
        break;
      }
      String body = flag.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown flag --" + name);
      }
      if (eq < 0) {
        throw new IllegalArgumentException("missing a value on flag --" + name + " (--name=value)");
      }
      if (values.put(name, body.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("flag --" + name + " given twice");
      }
    }
    return values;
  }
}
