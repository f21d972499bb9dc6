package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How Dockerfile text becomes instructions: comments, continuations, directives. */
class DockerfileLinesTest {
  static Stream<Arguments> texts() {
    return Stream.of(
        row("ENV A=1", '\\', "ENV A=1"),
        row("  CMD   x  ", '\\', "CMD   x  "),
        row("# comment\nENV A=1\n\n  # indented comment\nLABEL b=2", '\\', "ENV A=1", "LABEL b=2"),
        row("ENV A=1 \\\n B=2", '\\', "ENV A=1  B=2"),
        row("ENV A=1 \\\n# comment\n\n   \n B=2", '\\', "ENV A=1  B=2"),
        row("ENV A=1 \\  \t\nB=2", '\\', "ENV A=1 B=2"),
        row("ENV A=a\\\\", '\\', "ENV A=a\\\\"),
        row("ENV A=a\\", '\\', "ENV A=a"),
        row("\\\nCMD x", '\\', "CMD x"),
        row("ENV A=1\r\nENV B=2\r\n", '\\', "ENV A=1", "ENV B=2"),
        row("\uFEFFENV A=1", '\\', "ENV A=1"),
        row("ENV A=1 # not a comment", '\\', "ENV A=1 # not a comment"),
        row("# escape=`\nENV A=1 `\n B=2", '`', "ENV A=1  B=2"),
        row("# escape=`\nENV A=a\\", '`', "ENV A=a\\"),
        row("#escape = ` \nCMD x", '`', "CMD x"),
        row("# syntax=docker/dockerfile:1\n# ESCAPE=`\nCMD x", '`', "CMD x"),
        row("ENV A=1\n# escape=`", '\\', "ENV A=1"),
        row("# foo=bar\n# escape=`\nCMD x", '\\', "CMD x"),
        row("\n# escape=`\nCMD x", '\\', "CMD x"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("texts")
  void split_givesDockersInstructions(String text, char escape, List<String> instructions) {
    DockerfileLines.Script script = DockerfileLines.split(text);
    assertThat(script.instructions()).isEqualTo(instructions);
    assertThat(script.escape()).isEqualTo(escape);
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("", "no instruction (only comments or blank lines)"),
        Arguments.of("# only a comment", "no instruction (only comments or blank lines)"),
        Arguments.of("   \n\t\n", "no instruction (only comments or blank lines)"),
        Arguments.of("# escape=x\nCMD x", "invalid escape token 'x' does not match ` or \\"),
        Arguments.of(
            "# escape=`\n# escape=\\\nCMD x", "only one escape parser directive can be used"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("bad")
  void split_refuses(String text, String message) {
    assertThatThrownBy(() -> DockerfileLines.split(text)).hasMessage(message);
  }

  private static Arguments row(String text, char escape, String... instructions) {
    return Arguments.of(text, escape, List.of(instructions));
  }
}
