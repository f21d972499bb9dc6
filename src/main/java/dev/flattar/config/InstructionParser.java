package dev.flattar.config;

import dev.flattar.config.ConfigChange.AddOnBuild;
import dev.flattar.config.ConfigChange.AddVolumes;
import dev.flattar.config.ConfigChange.Command;
import dev.flattar.config.ConfigChange.Expose;
import dev.flattar.config.ConfigChange.KeyValue;
import dev.flattar.config.ConfigChange.SetCmd;
import dev.flattar.config.ConfigChange.SetEntrypoint;
import dev.flattar.config.ConfigChange.SetEnv;
import dev.flattar.config.ConfigChange.SetHealthcheck;
import dev.flattar.config.ConfigChange.SetLabels;
import dev.flattar.config.ConfigChange.SetStopSignal;
import dev.flattar.config.ConfigChange.SetUser;
import dev.flattar.config.ConfigChange.SetWorkdir;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Dockerfile instruction of {@code --change} to a {@link ConfigChange}, with the checks Docker
 * makes while parsing and dispatching it. Values that need the image's environment stay {@link
 * Word.Substituted} and are checked when applied.
 */
final class InstructionParser {
  /** What {@code docker commit --change} accepts (STOPSIGNAL since Engine 23). */
  static final List<String> KEYWORDS =
      List.of(
          "CMD",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "HEALTHCHECK",
          "LABEL",
          "ONBUILD",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");

  // Go's \s (no \v), case-insensitive, as buildkit's parseOnBuild strips the keyword.
  private static final Pattern ONBUILD_PREFIX =
      Pattern.compile("^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*", Pattern.CASE_INSENSITIVE);

  private final char escape;

  private InstructionParser(char escape) {
    this.escape = escape;
  }

  /**
   * Parses one instruction (continuation lines already joined).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static ConfigChange parse(String line, char escape) {
    return new InstructionParser(escape).instruction(line);
  }

  private ConfigChange instruction(String line) {
    LineParsers.Split s = LineParsers.split(line);
    String keyword = s.keyword().toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(keyword)) {
      throw new IllegalArgumentException(
          "unknown instruction "
              + s.keyword().toUpperCase(Locale.ROOT)
              + " (--change takes "
              + String.join(", ", KEYWORDS)
              + ")");
    }
    if (keyword.equals("HEALTHCHECK")) {
      return new SetHealthcheck(HealthcheckParser.parse(s.flags(), s.arguments()));
    }
    if (keyword.equals("ONBUILD")) {
      return onBuild(line, s);
    }
    // Only HEALTHCHECK has flags; Docker refuses any other.
    BuilderFlags.parse(s.flags(), Set.of());
    String args = s.arguments();
    return switch (keyword) {
      case "ENV" -> new SetEnv(pairs(args, "ENV"));
      case "LABEL" -> new SetLabels(pairs(args, "LABEL"));
      case "CMD" -> new SetCmd(command(args));
      case "ENTRYPOINT" -> new SetEntrypoint(command(args));
      case "EXPOSE" -> new Expose(ports(args));
      case "VOLUME" -> new AddVolumes(volumes(args));
      case "USER" -> new SetUser(word(one(args, keyword)));
      case "WORKDIR" -> new SetWorkdir(Checks.workdir(word(one(args, keyword))));
      default -> new SetStopSignal(Checks.signal(word(one(args, keyword))));
    };
  }

  private List<KeyValue> pairs(String args, String keyword) {
    List<String[]> raw = LineParsers.nameValues(args, keyword, escape);
    if (raw.isEmpty()) {
      throw new IllegalArgumentException(keyword + " requires at least one argument");
    }
    List<KeyValue> pairs = new ArrayList<>();
    for (String[] kv : raw) {
      if (kv[0].isEmpty()) {
        throw new IllegalArgumentException(keyword + " names can not be blank");
      }
      pairs.add(new KeyValue(Checks.name(word(kv[0]), keyword), word(kv[1])));
    }
    return pairs;
  }

  /** CMD and ENTRYPOINT: JSON array (exec form), else the line (shell form), else nothing. */
  private static Command command(String args) {
    if (args.isEmpty()) {
      return new Command(List.of(), true);
    }
    List<String> exec = JsonForm.strings(args);
    return exec != null ? Command.exec(exec) : Command.shell(args);
  }

  /** EXPOSE: blank-separated words; a word may become several ports, or none. */
  private List<Word> ports(String args) {
    List<String> raw = LineParsers.blankSeparated(args);
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("EXPOSE requires at least one argument");
    }
    List<Word> ports = new ArrayList<>();
    for (String w : raw) {
      if (w.indexOf('$') >= 0) {
        ports.add(new Word.Substituted(w, escape));
        continue;
      }
      for (String field : ShellLex.process(w, Map.of(), escape).fields()) {
        Ports.parse(field);
        ports.add(Word.literal(field));
      }
    }
    return ports;
  }

  /** VOLUME: a JSON array or blank-separated paths, each trimmed and not empty. */
  private List<Word> volumes(String args) {
    List<String> raw = JsonForm.strings(args);
    if (raw == null) {
      raw = LineParsers.blankSeparated(args);
    }
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("VOLUME requires at least one argument");
    }
    List<Word> paths = new ArrayList<>();
    for (String path : raw) {
      paths.add(Checks.volume(word(GoText.trimSpace(path))));
    }
    return paths;
  }

  /**
   * ONBUILD: Docker parses the trigger as a line of its own (so a malformed one fails now), refuses
   * ONBUILD, FROM and MAINTAINER there, and keeps the text after the keyword as written.
   */
  private ConfigChange onBuild(String line, LineParsers.Split s) {
    if (s.arguments().isEmpty()) {
      throw new IllegalArgumentException("ONBUILD requires at least one argument");
    }
    TriggerCheck.check(s.arguments(), escape);
    BuilderFlags.parse(s.flags(), Set.of());
    String trigger = LineParsers.split(s.arguments()).keyword().toUpperCase(Locale.ROOT);
    if (trigger.equals("ONBUILD")) {
      throw new IllegalArgumentException("chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
      throw new IllegalArgumentException(trigger + " isn't allowed as an ONBUILD trigger");
    }
    return new AddOnBuild(ONBUILD_PREFIX.matcher(line).replaceFirst(""));
  }

  private static String one(String args, String keyword) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException(keyword + " requires exactly one argument");
    }
    return args;
  }

  private Word word(String text) {
    return Word.dockerfile(text, escape);
  }
}
