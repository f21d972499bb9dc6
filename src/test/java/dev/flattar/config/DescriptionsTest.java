package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The history description: each change as the instruction it stands for, deterministic, one line,
 * and read back by the {@code --change} parser as the same change.
 */
class DescriptionsTest {
  @ParameterizedTest(name = "{0} is described as {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "LABEL a=1 b=\"x y\" | LABEL a=1 b=\"x y\"",
        "LABEL k v w | LABEL k=\"v w\"",
        "ENV A $B | ENV A=$B",
        "ENV A='a\"b$' | ENV A='a\"b$'",
        "CMD  echo   hi | CMD echo   hi",
        "CMD [ \"a\" , \"b\" ] | CMD [\"a\",\"b\"]",
        "CMD | CMD",
        "CMD [] | CMD []",
        "ENTRYPOINT [] | ENTRYPOINT []",
        "EXPOSE 80 53/udp $P | EXPOSE 80 53/udp $P",
        "VOLUME /a /b | VOLUME /a /b",
        "VOLUME [\"/a b\", \"/c\"] | VOLUME [\"/a b\",\"/c\"]",
        "USER 'a b' | USER \"a b\"",
        "WORKDIR /srv | WORKDIR /srv",
        "STOPSIGNAL sigterm | STOPSIGNAL sigterm",
        "ONBUILD   RUN  x | ONBUILD RUN  x",
        "HEALTHCHECK NONE | HEALTHCHECK NONE",
        "HEALTHCHECK --retries=3 --interval=90s --timeout=1.5s --start-period=500ms CMD ["
            + "\"a\"] | HEALTHCHECK --interval=1m30s --timeout=1.5s --start-period=500ms"
            + " --retries=3 CMD [\"a\"]",
        "HEALTHCHECK CMD curl -f x | HEALTHCHECK CMD curl -f x"
      })
  void describe_writesTheInstruction(String instruction, String description) {
    assertThat(ConfigChanges.describe(ChangeInstructions.parse(instruction)))
        .isEqualTo(description);
  }

  static Stream<Arguments> roundTrips() {
    return Stream.of(
            "LABEL a=1 b=\"x y\" c='q\"uote' d=\\$e",
            "ENV A=1 B=\"two words\" C=\\\\back",
            "CMD [\"a\", \"b c\"]",
            "ENTRYPOINT /bin/run --flag",
            "EXPOSE 80 53/udp 8000-8002",
            "VOLUME [\"/a b\", \"/c$d\", \"/e\\\\f\"]",
            "USER \"a b\"",
            "WORKDIR \"/q d\"",
            "HEALTHCHECK --interval=1.5s --retries=2 CMD true",
            "ONBUILD LABEL x=y")
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roundTrips")
  void describe_isReadBackAsTheSameChange(String instruction) {
    List<ConfigChange> once = ChangeInstructions.parse(instruction);
    assertThat(ChangeInstructions.parse(ConfigChanges.describe(once))).isEqualTo(once);
  }

  @Test
  void describe_joinsChangesInOrder_onOneLine() {
    List<ConfigChange> changes =
        List.of(
            ChangeFlags.label("build=42"),
            ChangeFlags.env("A=1"),
            ChangeFlags.unsetLabel("old"),
            ChangeFlags.unsetEnv("B"),
            ChangeFlags.expose("8080"),
            ChangeFlags.label("note=line1\nline2"),
            ChangeFlags.env("Q=a\"b$"),
            ChangeFlags.volume("/a'b"));
    String text = ConfigChanges.describe(changes);
    assertThat(text)
        .isEqualTo(
            "LABEL build=42; ENV A=1; unset-label old; unset-env B; EXPOSE 8080;"
                + " LABEL note=\"line1\\nline2\"; ENV Q=\"a\\\"b\\$\"; VOLUME [\"/a\\\\'b\"]")
        .isEqualTo(ConfigChanges.describe(List.copyOf(changes)));
  }
}
