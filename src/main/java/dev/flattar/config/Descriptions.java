package dev.flattar.config;

import dev.flattar.config.ConfigChange.AddOnBuild;
import dev.flattar.config.ConfigChange.AddVolumes;
import dev.flattar.config.ConfigChange.Command;
import dev.flattar.config.ConfigChange.Expose;
import dev.flattar.config.ConfigChange.Healthcheck;
import dev.flattar.config.ConfigChange.KeyValue;
import dev.flattar.config.ConfigChange.SetCmd;
import dev.flattar.config.ConfigChange.SetEntrypoint;
import dev.flattar.config.ConfigChange.SetEnv;
import dev.flattar.config.ConfigChange.SetHealthcheck;
import dev.flattar.config.ConfigChange.SetLabels;
import dev.flattar.config.ConfigChange.SetStopSignal;
import dev.flattar.config.ConfigChange.SetUser;
import dev.flattar.config.ConfigChange.SetWorkdir;
import dev.flattar.config.ConfigChange.UnsetEnv;
import dev.flattar.config.ConfigChange.UnsetLabel;
import dev.flattar.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A change written back as the Dockerfile instruction it stands for ({@code LABEL build=42}), with
 * literal values quoted where Docker's parser needs it; flat-tar's own removals read {@code
 * unset-label NAME} and {@code unset-env NAME}.
 */
final class Descriptions {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+,=-]+");

  private Descriptions() {}

  static String of(ConfigChange change) {
    if (change instanceof SetLabels c) {
      return "LABEL " + pairs(c.labels());
    } else if (change instanceof SetEnv c) {
      return "ENV " + pairs(c.variables());
    } else if (change instanceof UnsetLabel c) {
      return "unset-label " + c.key();
    } else if (change instanceof UnsetEnv c) {
      return "unset-env " + c.key();
    } else if (change instanceof SetCmd c) {
      return "CMD" + command(c.command());
    } else if (change instanceof SetEntrypoint c) {
      return "ENTRYPOINT" + command(c.command());
    } else if (change instanceof SetUser c) {
      return "USER " + word(c.user());
    } else if (change instanceof SetWorkdir c) {
      return "WORKDIR " + word(c.directory());
    } else if (change instanceof Expose c) {
      return "EXPOSE " + join(c.ports(), Descriptions::word);
    } else if (change instanceof AddVolumes c) {
      return "VOLUME " + volumes(c.paths());
    } else if (change instanceof SetStopSignal c) {
      return "STOPSIGNAL " + word(c.signal());
    } else if (change instanceof AddOnBuild c) {
      return "ONBUILD " + c.trigger();
    }
    return "HEALTHCHECK " + healthcheck(((SetHealthcheck) change).healthcheck());
  }

  /**
   * Blank-separated if every path is plain, else the JSON form (whose strings Docker processes).
   */
  private static String volumes(List<Word> paths) {
    if (paths.stream()
        .allMatch(w -> w instanceof Word.Substituted || PLAIN.matcher(raw(w)).matches())) {
      return join(paths, Descriptions::raw);
    }
    return json(
        paths.stream()
            .map(
                w ->
                    w instanceof Word.Literal l
                        ? l.value().replaceAll("([\\\\$'\"])", "\\\\$1")
                        : raw(w))
            .toList());
  }

  private static String pairs(List<KeyValue> pairs) {
    return join(pairs, kv -> word(kv.key()) + "=" + word(kv.value()));
  }

  private static String command(Command c) {
    if (c.arguments().isEmpty() && c.shellForm()) {
      return "";
    }
    return " " + (c.shellForm() ? c.arguments().get(0) : json(c.arguments()));
  }

  private static String healthcheck(Healthcheck h) {
    if (h.test().get(0).equals("NONE")) {
      return "NONE";
    }
    StringBuilder b = new StringBuilder();
    if (!h.interval().isZero()) {
      b.append("--interval=").append(GoDuration.format(h.interval())).append(' ');
    }
    if (!h.timeout().isZero()) {
      b.append("--timeout=").append(GoDuration.format(h.timeout())).append(' ');
    }
    if (!h.startPeriod().isZero()) {
      b.append("--start-period=").append(GoDuration.format(h.startPeriod())).append(' ');
    }
    if (h.retries() != 0) {
      b.append("--retries=").append(h.retries()).append(' ');
    }
    List<String> args = h.test().subList(1, h.test().size());
    boolean shell = h.test().get(0).equals("CMD-SHELL");
    return b.append("CMD ").append(shell ? args.get(0) : json(args)).toString();
  }

  /** A literal quoted for Docker's word processing if it is not plain; variables as written. */
  static String word(Word w) {
    String text = raw(w);
    if (w instanceof Word.Substituted || PLAIN.matcher(text).matches()) {
      return text;
    }
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
  }

  private static String raw(Word w) {
    return w instanceof Word.Literal l ? l.value() : ((Word.Substituted) w).text();
  }

  private static <T> String join(List<T> items, Function<T, String> show) {
    return items.stream().map(show).collect(Collectors.joining(" "));
  }

  private static String json(List<String> strings) {
    return new String(Json.write(Json.strings(strings)), StandardCharsets.UTF_8);
  }
}
