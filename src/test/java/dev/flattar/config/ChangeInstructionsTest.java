package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each instruction to the change it stands for: literal words processed now, words with {@code $}
 * kept for the image's environment; and every refusal, one line naming the instruction.
 */
class ChangeInstructionsTest {
  static Stream<Arguments> instructions() {
    return Stream.of(
        row("LABEL a=1 b=\"x y\"", new SetLabels(List.of(kv("a", "1"), kv("b", "x y")))),
        row("LABEL k v w", new SetLabels(List.of(kv("k", "v w")))),
        row("label k=$A", new SetLabels(List.of(new KeyValue(lit("k"), sub("$A"))))),
        // A word with $ is processed when applied, even where quotes keep the $ literal.
        row(
            "ENV A=1 B='$x'",
            new SetEnv(List.of(kv("A", "1"), new KeyValue(lit("B"), sub("'$x'"))))),
        row("ENV A  b  c  ", new SetEnv(List.of(kv("A", "b  c")))),
        row("ENV PATH $PATH:/x", new SetEnv(List.of(new KeyValue(lit("PATH"), sub("$PATH:/x"))))),
        row("CMD echo   hi", new SetCmd(Command.shell("echo   hi"))),
        row("CMD [\"a\", \"b c\"]", new SetCmd(Command.exec(List.of("a", "b c")))),
        row("CMD []", new SetCmd(Command.exec(List.of()))),
        row("CMD", new SetCmd(new Command(List.of(), true))),
        row("CMD [echo", new SetCmd(Command.shell("[echo"))),
        row("CMD \"\"", new SetCmd(Command.shell("\"\""))),
        row("ENTRYPOINT []", new SetEntrypoint(Command.exec(List.of()))),
        row("ENTRYPOINT /bin/run $X", new SetEntrypoint(Command.shell("/bin/run $X"))),
        row("EXPOSE 80 $P 53/udp", new Expose(List.of(lit("80"), sub("$P"), lit("53/udp")))),
        row("EXPOSE 80 \"\"", new Expose(List.of(lit("80")))),
        row("VOLUME /a  /b", new AddVolumes(List.of(lit("/a"), lit("/b")))),
        row("VOLUME [\"/a\", \" $B \"]", new AddVolumes(List.of(lit("/a"), sub("$B")))),
        row("VOLUME \"/a\"b", new AddVolumes(List.of(lit("/ab")))),
        row("USER \"a b\"", new SetUser(lit("a b"))),
        row("USER a b", new SetUser(lit("a b"))),
        row("WORKDIR $HOME/x", new SetWorkdir(sub("$HOME/x"))),
        row("STOPSIGNAL SIGKILL", new SetStopSignal(lit("SIGKILL"))),
        row("ONBUILD    run   echo hi  ", new AddOnBuild("run   echo hi  ")),
        row("ONBUILD RUN --mount=type=cache x", new AddOnBuild("RUN --mount=type=cache x")),
        row(
            "HEALTHCHECK --interval=5s --retries=3 CMD curl -f x",
            health(List.of("CMD-SHELL", "curl -f x"), 5, 0, 0, 3)),
        row("HEALTHCHECK --timeout=1m30s cmd [\"a\"]", health(List.of("CMD", "a"), 0, 90, 0, 0)),
        row("HEALTHCHECK --start-period=500ms CMD x", healthMillis(500)),
        row("HEALTHCHECK NONE", health(List.of("NONE"), 0, 0, 0, 0)),
        row("HEALTHCHECK --interval=nonsense NONE", health(List.of("NONE"), 0, 0, 0, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instructions")
  void parse_givesTheChange(String instruction, ConfigChange expected) {
    assertThat(ChangeInstructions.parse(instruction)).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "FROBNICATE x | unknown instruction FROBNICATE (--change takes CMD, ENTRYPOINT, ENV,"
            + " EXPOSE, HEALTHCHECK, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)",
        "RUN echo | unknown instruction RUN",
        "MAINTAINER me | unknown instruction MAINTAINER",
        "ENV =x | ENV names can not be blank",
        "ENV \"\"=x | the variable name is empty",
        "LABEL ''=x | the label name is empty",
        "ENV E | ENV must have two arguments",
        "ENV | ENV requires at least one argument",
        "ENV A=1 B | can't find = in 'B'; it must be of the form name=value",
        "ENV A=\"x | unexpected end of statement while looking for matching double-quote",
        "ENV --foo=1 A=2 | unknown flag --foo",
        "CMD --foo bar | unknown flag --foo",
        "CMD [1] | when using JSON array syntax, arrays must be comprised of strings only",
        "CMD [\"a\"] b | text after the JSON array (Docker versions disagree on what that means)",
        "EXPOSE 99999 | port 99999 is out of range (0 to 65535)",
        "EXPOSE | EXPOSE requires at least one argument",
        "EXPOSE 8080:80 | '8080:80' has a host part; an image exposes container ports only",
        "VOLUME | VOLUME requires at least one argument",
        "VOLUME [\" \"] | the volume path is empty",
        "VOLUME [\"/x\", 1] | when using JSON array syntax, arrays must be comprised of strings only",
        "USER | USER requires exactly one argument",
        "WORKDIR '' | the working directory is empty",
        "STOPSIGNAL SIGFOO | 'SIGFOO' is not a signal name or number (such as SIGTERM or 15)",
        "ONBUILD | ONBUILD requires at least one argument",
        "ONBUILD ONBUILD RUN x | chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        "ONBUILD FROM x | FROM isn't allowed as an ONBUILD trigger",
        "ONBUILD maintainer x | MAINTAINER isn't allowed as an ONBUILD trigger",
        "ONBUILD CMD [1] | when using JSON array syntax, arrays must be comprised of strings only",
        "ONBUILD ENV x | ENV must have two arguments",
        "ONBUILD --foo RUN x | unknown flag --foo",
        "HEALTHCHECK | HEALTHCHECK requires at least one argument",
        "HEALTHCHECK CMD | missing command after HEALTHCHECK CMD",
        "HEALTHCHECK CMD [] | missing command after HEALTHCHECK CMD",
        "HEALTHCHECK FOO x | unknown type 'FOO' in HEALTHCHECK (try CMD)",
        "HEALTHCHECK NONE x | HEALTHCHECK NONE takes no arguments",
        "HEALTHCHECK --interval=0s CMD x | --interval=0s is less than 1ms",
        "HEALTHCHECK --timeout=-1s CMD x | --timeout=-1s is less than 1ms",
        "HEALTHCHECK --interval=5 CMD x | --interval=5: time: missing unit in duration \"5\"",
        "HEALTHCHECK --retries=0 CMD x | --retries must be at least 1 (not 0)",
        "HEALTHCHECK --retries=x CMD x | --retries=x is not a number",
        "HEALTHCHECK --start-interval=1s CMD x | unknown flag --start-interval",
        "HEALTHCHECK --interval 5s CMD x | missing a value on flag --interval (--name=value)",
        "HEALTHCHECK --retries=1 --retries=2 CMD x | flag --retries given twice"
      })
  void parse_refusesWithOneLineNamingTheInstruction(String instruction, String reason) {
    assertThatThrownBy(() -> ChangeInstructions.parse(instruction))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .startsWith("--change '" + instruction + "': " + reason)
        .doesNotContain("\n");
  }

  @org.junit.jupiter.api.Test
  void parse_joinsAllChangesIntoOneDockerfile_asDockerDoes() {
    assertThat(ChangeInstructions.parse(List.of("LABEL a=1 \\", "  b=2", "# comment", "ENV C=3")))
        .containsExactly(
            new SetLabels(List.of(kv("a", "1"), kv("b", "2"))), new SetEnv(List.of(kv("C", "3"))));
    assertThat(ChangeInstructions.parse(List.of("# escape=`", "ENV A=x`\"y")))
        .containsExactly(new SetEnv(List.of(kv("A", "x\"y"))));
    assertThat(ChangeInstructions.parse(List.of())).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void errors_nameTheJoinedInstruction_withControlCharactersEscaped() {
    assertThatThrownBy(() -> ChangeInstructions.parse(List.of("ENV A=1 \\", "B")))
        .hasMessageStartingWith("--change 'ENV A=1 B': can't find = in 'B'");
    assertThatThrownBy(() -> ChangeInstructions.parse("LABEL a=1\u0007 b"))
        .hasMessageStartingWith("--change 'LABEL a=1\\x07 b': can't find = in 'b'");
    assertThatThrownBy(() -> ChangeInstructions.parse(List.of("# nothing", "")))
        .hasMessage("--change '# nothing\\n': no instruction (only comments or blank lines)");
  }

  static Word lit(String value) {
    return Word.literal(value);
  }

  static Word sub(String text) {
    return new Word.Substituted(text, '\\');
  }

  static KeyValue kv(String key, String value) {
    return new KeyValue(lit(key), lit(value));
  }

  private static Arguments row(String instruction, ConfigChange change) {
    return Arguments.of(instruction, change);
  }

  private static SetHealthcheck health(
      List<String> test, long interval, long timeout, long startPeriod, int retries) {
    return new SetHealthcheck(
        new Healthcheck(
            test,
            Duration.ofSeconds(interval),
            Duration.ofSeconds(timeout),
            Duration.ofSeconds(startPeriod),
            retries));
  }

  private static SetHealthcheck healthMillis(long startPeriodMillis) {
    return new SetHealthcheck(
        new Healthcheck(
            List.of("CMD-SHELL", "x"),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMillis(startPeriodMillis),
            0));
  }
}
