package dev.flattar.config;

import dev.flattar.config.ConfigChange.AddVolumes;
import dev.flattar.config.ConfigChange.Command;
import dev.flattar.config.ConfigChange.Expose;
import dev.flattar.config.ConfigChange.KeyValue;
import dev.flattar.config.ConfigChange.SetCmd;
import dev.flattar.config.ConfigChange.SetEntrypoint;
import dev.flattar.config.ConfigChange.SetEnv;
import dev.flattar.config.ConfigChange.SetLabels;
import dev.flattar.config.ConfigChange.SetStopSignal;
import dev.flattar.config.ConfigChange.SetUser;
import dev.flattar.config.ConfigChange.SetWorkdir;
import dev.flattar.config.ConfigChange.UnsetEnv;
import dev.flattar.config.ConfigChange.UnsetLabel;
import dev.flattar.model.Texts;
import java.util.List;
import java.util.function.Supplier;

/**
 * The changes the config flags ask for. A flag's value is taken literally (no quotes, escapes or
 * {@code $variables}, unlike {@code --change}) and means what the instruction of the same name
 * means; each factory refuses a bad value with one line naming the flag and the value, such as
 * {@code --expose 99999: port 99999 is out of range (0 to 65535)}.
 */
public final class ChangeFlags {
  private ChangeFlags() {}

  /** {@code --label K=V}. */
  public static ConfigChange label(String value) {
    return checked("--label", value, () -> new SetLabels(List.of(pair(value, "LABEL"))));
  }

  /** {@code --env K=V}. */
  public static ConfigChange env(String value) {
    return checked("--env", value, () -> new SetEnv(List.of(pair(value, "ENV"))));
  }

  /** {@code --unset-label K}: removes the label; no error if there is none. */
  public static ConfigChange unsetLabel(String key) {
    return checked("--unset-label", key, () -> new UnsetLabel(bareName(key, "LABEL")));
  }

  /** {@code --unset-env K}: removes the variable; no error if there is none. */
  public static ConfigChange unsetEnv(String key) {
    return checked("--unset-env", key, () -> new UnsetEnv(bareName(key, "ENV")));
  }

  /**
   * {@code --entrypoint JSON|STRING}: a JSON array of strings, or a command line for {@code /bin/sh
   * -c}. Like ENTRYPOINT it drops the image's Cmd. An empty one is refused: {@code docker commit
   * --change 'ENTRYPOINT []'} leaves the image's entrypoint as it is, which a flag should not
   * silently do.
   */
  public static ConfigChange entrypoint(String value) {
    return checked(
        "--entrypoint",
        value,
        () -> {
          Command c = command(value);
          if (c.arguments().isEmpty()) {
            throw new IllegalArgumentException(
                "an empty entrypoint would leave the image's in place (as docker commit does)");
          }
          return new SetEntrypoint(c);
        });
  }

  /** {@code --cmd JSON|STRING}: a JSON array of strings ({@code []} too), or a command line. */
  public static ConfigChange cmd(String value) {
    return checked("--cmd", value, () -> new SetCmd(command(value)));
  }

  /** {@code --user U}: a user name or id, with an optional {@code :group}. */
  public static ConfigChange user(String value) {
    return checked(
        "--user",
        value,
        () -> {
          if (value.isEmpty()) {
            throw new IllegalArgumentException("the user is empty");
          }
          return new SetUser(Word.literal(value));
        });
  }

  /** {@code --workdir DIR}: a relative directory is taken from the image's working directory. */
  public static ConfigChange workdir(String value) {
    return checked("--workdir", value, () -> new SetWorkdir(Word.literal(Checks.workdir(value))));
  }

  /**
   * {@code --expose PORT[/PROTO]}: also {@code START-END[/PROTO]}; the protocol defaults to tcp.
   */
  public static ConfigChange expose(String value) {
    return checked(
        "--expose",
        value,
        () -> {
          Ports.parse(value);
          return new Expose(List.of(Word.literal(value)));
        });
  }

  /** {@code --volume PATH}. */
  public static ConfigChange volume(String value) {
    return checked(
        "--volume",
        value,
        () -> new AddVolumes(List.of(Word.literal(Checks.volume(GoText.trimSpace(value))))));
  }

  /** {@code --stop-signal SIG}: a signal name ({@code SIGTERM}, {@code term}) or number. */
  public static ConfigChange stopSignal(String value) {
    return checked(
        "--stop-signal",
        value,
        () -> {
          Signals.check(value);
          return new SetStopSignal(Word.literal(value));
        });
  }

  private static KeyValue pair(String value, String keyword) {
    int eq = value.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("expected NAME=VALUE");
    }
    String name = Checks.name(value.substring(0, eq), keyword);
    return new KeyValue(Word.literal(name), Word.literal(value.substring(eq + 1)));
  }

  private static String bareName(String key, String keyword) {
    if (key.indexOf('=') >= 0) {
      throw new IllegalArgumentException("expected a name only");
    }
    return Checks.name(key, keyword);
  }

  private static Command command(String value) {
    String line = GoText.trimSpace(value);
    if (line.isEmpty()) {
      throw new IllegalArgumentException("the command is empty");
    }
    List<String> exec = JsonForm.strings(line);
    return exec != null ? Command.exec(exec) : Command.shell(line);
  }

  private static ConfigChange checked(String flag, String value, Supplier<ConfigChange> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " " + shown(value) + ": " + e.getMessage(), e);
    }
  }

  /** The value as typed, quoted only if a shell would need it to be one word. */
  private static String shown(String value) {
    boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> c <= ' ' || c == '\'');
    return plain ? Texts.escapeControls(value) : ChangeInstructions.quote(value);
  }
}
