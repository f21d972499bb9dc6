package dev.flattar.cli;

import dev.flattar.ConfigEdit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.jspecify.annotations.Nullable;

/** The values jopt-simple parsed, read by {@link Flag}. */
final class Values {
  private final OptionSet set;
  private final Map<Flag, OptionSpec<?>> specs;

  Values(OptionSet set, Map<Flag, OptionSpec<?>> specs) {
    this.set = set;
    this.specs = specs;
  }

  boolean has(Flag flag) {
    return set.has(specs.get(flag));
  }

  List<String> all(Flag flag) {
    return set.valuesOf(specs.get(flag)).stream().map(String::valueOf).toList();
  }

  /** The config flags' values, in the order they were given across all of them. */
  List<ConfigEdit> configEdits() {
    Map<OptionSpec<?>, Flag> flags = new HashMap<>();
    specs.forEach((flag, spec) -> flags.put(spec, flag));
    Map<OptionSpec<?>, Integer> next = new HashMap<>();
    List<ConfigEdit> edits = new ArrayList<>();
    for (OptionSpec<?> spec : set.specs()) {
      Flag flag = flags.get(spec);
      ConfigEdit.Kind kind = flag == null ? null : flag.edit;
      if (kind != null) {
        int i = next.merge(spec, 1, Integer::sum) - 1;
        edits.add(new ConfigEdit(kind, String.valueOf(set.valuesOf(spec).get(i))));
      }
    }
    return edits;
  }

  /** The value of an option that may be given once, or null. */
  @Nullable String one(Flag flag) throws CliOptions.UsageException {
    List<String> values = all(flag);
    if (values.size() > 1) {
      throw new CliOptions.UsageException(flag.display() + " may be given once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /** The value made into a number, or null. */
  @Nullable Integer number(Flag flag) throws CliOptions.UsageException {
    return parsed(
        flag,
        text -> {
          try {
            return Integer.parseInt(text);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                flag.display() + " takes a number, got '" + text + "'");
          }
        });
  }

  /** The value made into a {@code T} by {@code parse} (which throws for a bad one), or null. */
  <T> @Nullable T parsed(Flag flag, Function<String, T> parse) throws CliOptions.UsageException {
    String text = one(flag);
    return text == null ? null : parse.apply(text);
  }
}
