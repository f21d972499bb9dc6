package dev.flattar.config;

import static dev.flattar.config.ChangeInstructionsTest.kv;
import static dev.flattar.config.ChangeInstructionsTest.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.config.ConfigChange.AddVolumes;
import dev.flattar.config.ConfigChange.Command;
import dev.flattar.config.ConfigChange.Expose;
import dev.flattar.config.ConfigChange.SetCmd;
import dev.flattar.config.ConfigChange.SetEntrypoint;
import dev.flattar.config.ConfigChange.SetEnv;
import dev.flattar.config.ConfigChange.SetLabels;
import dev.flattar.config.ConfigChange.SetStopSignal;
import dev.flattar.config.ConfigChange.SetUser;
import dev.flattar.config.ConfigChange.SetWorkdir;
import dev.flattar.config.ConfigChange.UnsetEnv;
import dev.flattar.config.ConfigChange.UnsetLabel;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The config flags: literal values (no quotes, escapes or variables) meaning what the instruction
 * of the same name means, and a one-line usage error naming flag and value for a bad one.
 */
class ChangeFlagsTest {
  static Stream<Arguments> good() {
    return Stream.of(
        row("--label", ChangeFlags::label, "build=42", new SetLabels(List.of(kv("build", "42")))),
        row("--label", ChangeFlags::label, "k=", new SetLabels(List.of(kv("k", "")))),
        row("--label", ChangeFlags::label, "k=a=b", new SetLabels(List.of(kv("k", "a=b")))),
        row("--label", ChangeFlags::label, "k=\"$X\"", new SetLabels(List.of(kv("k", "\"$X\"")))),
        row(
            "--env",
            ChangeFlags::env,
            "PATH=$PATH:/x",
            new SetEnv(List.of(kv("PATH", "$PATH:/x")))),
        row("--env", ChangeFlags::env, "A=a b", new SetEnv(List.of(kv("A", "a b")))),
        row("--unset-label", ChangeFlags::unsetLabel, "a.b", new UnsetLabel("a.b")),
        row("--unset-env", ChangeFlags::unsetEnv, "A", new UnsetEnv("A")),
        row(
            "--entrypoint",
            ChangeFlags::entrypoint,
            "[\"/app\", \"--x\"]",
            new SetEntrypoint(Command.exec(List.of("/app", "--x")))),
        row(
            "--entrypoint",
            ChangeFlags::entrypoint,
            " /app --x ",
            new SetEntrypoint(Command.shell("/app --x"))),
        row("--cmd", ChangeFlags::cmd, "[]", new SetCmd(Command.exec(List.of()))),
        row("--cmd", ChangeFlags::cmd, "echo $HOME", new SetCmd(Command.shell("echo $HOME"))),
        row("--user", ChangeFlags::user, "1000:1000", new SetUser(lit("1000:1000"))),
        row("--workdir", ChangeFlags::workdir, "sub/dir", new SetWorkdir(lit("sub/dir"))),
        row("--expose", ChangeFlags::expose, "53/udp", new Expose(List.of(lit("53/udp")))),
        row("--expose", ChangeFlags::expose, "8000-8010", new Expose(List.of(lit("8000-8010")))),
        row("--volume", ChangeFlags::volume, " /data ", new AddVolumes(List.of(lit("/data")))),
        row("--volume", ChangeFlags::volume, "/$x", new AddVolumes(List.of(lit("/$x")))),
        row("--stop-signal", ChangeFlags::stopSignal, "term", new SetStopSignal(lit("term"))));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("good")
  void flag_givesTheChange(
      String flag, Function<String, ConfigChange> factory, String value, ConfigChange expected) {
    assertThat(factory.apply(value)).isEqualTo(expected);
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        row("--label", ChangeFlags::label, "=x", "--label =x: the label name is empty"),
        row("--label", ChangeFlags::label, "x", "--label x: expected NAME=VALUE"),
        row("--env", ChangeFlags::env, "=x", "--env =x: the variable name is empty"),
        row("--env", ChangeFlags::env, "A", "--env A: expected NAME=VALUE"),
        row(
            "--unset-label",
            ChangeFlags::unsetLabel,
            "",
            "--unset-label '': the label name is empty"),
        row("--unset-env", ChangeFlags::unsetEnv, "A=1", "--unset-env A=1: expected a name only"),
        row("--entrypoint", ChangeFlags::entrypoint, "", "--entrypoint '': the command is empty"),
        row(
            "--entrypoint",
            ChangeFlags::entrypoint,
            "[]",
            "--entrypoint []: an empty entrypoint would leave the image's in place"
                + " (as docker commit does)"),
        row(
            "--entrypoint",
            ChangeFlags::entrypoint,
            "[1]",
            "--entrypoint [1]: when using JSON array syntax, arrays must be comprised of strings"
                + " only"),
        row(
            "--cmd",
            ChangeFlags::cmd,
            "[\"a\"] b",
            "--cmd '[\"a\"] b': text after the JSON array (Docker versions disagree on what that"
                + " means)"),
        row("--cmd", ChangeFlags::cmd, "  ", "--cmd '  ': the command is empty"),
        row("--user", ChangeFlags::user, "", "--user '': the user is empty"),
        row("--workdir", ChangeFlags::workdir, "", "--workdir '': the working directory is empty"),
        row(
            "--expose",
            ChangeFlags::expose,
            "99999",
            "--expose 99999: port 99999 is out of range (0 to 65535)"),
        row(
            "--expose",
            ChangeFlags::expose,
            "80/xyz",
            "--expose 80/xyz: unknown protocol 'xyz' (tcp, udp or sctp)"),
        row(
            "--expose",
            ChangeFlags::expose,
            "8080:80",
            "--expose 8080:80: '8080:80' has a host part; an image exposes container ports only"),
        row("--volume", ChangeFlags::volume, " ", "--volume ' ': the volume path is empty"),
        row(
            "--stop-signal",
            ChangeFlags::stopSignal,
            "SIGFOO",
            "--stop-signal SIGFOO: 'SIGFOO' is not a signal name or number (such as SIGTERM or"
                + " 15)"),
        row("--stop-signal", ChangeFlags::stopSignal, "0", "--stop-signal 0: signal 0 is zero"),
        row(
            "--label",
            ChangeFlags::label,
            "\u001b[31m",
            "--label '\\x1b[31m': expected NAME=VALUE"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("bad")
  void flag_refusesWithOneLineNamingTheValue(
      String flag, Function<String, ConfigChange> factory, String value, String message) {
    assertThatThrownBy(() -> factory.apply(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static Arguments row(
      String flag, Function<String, ConfigChange> factory, String value, Object expected) {
    return Arguments.of(flag, factory, value, expected);
  }
}
