package dev.flattar.cli;

import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.model.Texts;
import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Config changes on the command line, and the line that says what became of each image. */
class ConfigAndSummaryCliTest {
  static final byte[] LOWER = Layers.tar(file("a", "x".repeat(1000)), file("b", "y".repeat(500)));
  static final byte[] UPPER = Layers.tar(file("a", "z".repeat(10)), Member.whiteout("b"));
  static final byte[] ARCHIVE =
      Archives.build(
          Archives.Layout.DOCKER,
          ImageSpec.of(LOWER, UPPER)
              .tags("app:1")
              .config(c -> c.withObject("/config").putArray("Env").add("PATH=/bin")));

  static final String[] FLAGS = {
    "--env", "A=1", "--change", "ENV A=2 B=$A", "--label", "build=42", "--expose", "8080",
    "--entrypoint", "[\"/app\"]", "--user", "app", "--workdir", "/srv", "--volume", "/data",
    "--stop-signal", "SIGINT", "--cmd", "serve"
  };

  @TempDir Path tmp;

  @Test
  void flagsAndChanges_applyInTheOrderGiven_andTheHistorySaysSo() throws Exception {
    CliRunner.Run run = run(FLAGS);

    assertThat(run.code()).as(run.stderr()).isZero();
    JsonNode config = FlatArchive.read(run.stdout()).config;
    JsonNode c = config.get("config");
    assertThat(c.get("Env").toString()).isEqualTo("[\"PATH=/bin\",\"A=2\",\"B=1\"]");
    assertThat(c.get("Labels").toString())
        .as("a new label at its sorted place")
        .isEqualTo("{\"build\":\"42\",\"org.example.test\":\"yes\"}");
    assertThat(c.get("ExposedPorts").toString()).isEqualTo("{\"8080/tcp\":{}}");
    assertThat(c.get("Entrypoint").toString()).isEqualTo("[\"/app\"]");
    assertThat(c.get("Cmd").toString()).isEqualTo("[\"/bin/sh\",\"-c\",\"serve\"]");
    assertThat(c.get("User").asText()).isEqualTo("app");
    assertThat(c.get("WorkingDir").asText()).isEqualTo("/srv");
    assertThat(c.get("Volumes").toString()).isEqualTo("{\"/data\":{}}");
    assertThat(c.get("StopSignal").asText()).isEqualTo("SIGINT");
    JsonNode history = config.get("history");
    assertThat(history.get(history.size() - 1).get("comment").asText())
        .endsWith(
            "config changed: ENV A=1; ENV A=2 B=$A; LABEL build=42; EXPOSE 8080; ENTRYPOINT"
                + " [\"/app\"]; USER app; WORKDIR /srv; VOLUME /data; STOPSIGNAL SIGINT; CMD"
                + " serve");
    assertThat(run(FLAGS).stdout()).as("deterministic").isEqualTo(run.stdout());
  }

  @Test
  void orderMatters() {
    JsonNode first = env("--env", "A=1", "--change", "ENV A=2");
    JsonNode second = env("--change", "ENV A=2", "--env", "A=1");

    assertThat(first.toString()).isEqualTo("[\"PATH=/bin\",\"A=2\"]");
    assertThat(second.toString()).isEqualTo("[\"PATH=/bin\",\"A=1\"]");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(List.of("--env", "=x"), "--env =x"),
        Arguments.of(List.of("--expose", "99999"), "99999"),
        Arguments.of(List.of("--change", "FROBNICATE x"), "FROBNICATE"),
        Arguments.of(List.of("--label", "=v"), "--label =v"),
        Arguments.of(
            List.of("--rootfs", "--label", "a=b"),
            "--rootfs writes one plain filesystem tar: it takes no config"),
        Arguments.of(
            List.of("--max-layers", "1", "--env", "A=1"),
            "--max-layers may copy the image unchanged"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void badValues_areUsageErrors_naming(List<String> args, String named) {
    CliRunner.Run run = CliRunner.run(ARCHIVE, args.toArray(String[]::new));

    assertThat(run.code()).as(run.stderr()).isEqualTo(2);
    assertThat(run.stderr().lines().findFirst().orElse("")).contains(named);
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void summary_saysWhatBecameOfTheImage_exactly() {
    CliRunner.Run run = CliRunner.run(ARCHIVE);

    FlatArchive flat = FlatArchive.read(run.stdout());
    long squashed = LOWER.length + UPPER.length;
    assertThat(run.stderr())
        .isEqualTo(
            "flat-tar: app:1: 2 layers → 1, "
                + Texts.bytes(flat.layer.length)
                + " (was "
                + Texts.bytes(squashed)
                + " of layers; "
                + Texts.bytes(1500)
                + " hidden by later layers dropped)\n");
    assertThat(CliRunner.run(ARCHIVE, "-q").stderr()).as("--quiet").isEmpty();
  }

  @Test
  void summary_ofAnUntaggedMultiPlatformImage_namesEachPlatform() {
    Path index =
        Path.of(System.getProperty("flattar.testdata", "testdata"), "multiarch/two.oci.tar");

    CliRunner.Run run =
        CliRunner.run(new byte[0], "-o", tmp.resolve("out/") + "/", index.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(run.stderr().lines())
        .hasSize(2)
        .anySatisfy(
            l -> assertThat(l).matches("flat-tar: [0-9a-f]{12} linux/amd64: 3 layers → 1, .*"))
        .anySatisfy(
            l -> assertThat(l).matches("flat-tar: [0-9a-f]{12} linux/arm64/v8: 3 layers → 1, .*"));
  }

  private CliRunner.Run run(String... args) {
    return CliRunner.run(ARCHIVE, args);
  }

  private static JsonNode env(String... args) {
    CliRunner.Run run = CliRunner.run(ARCHIVE, args);
    assertThat(run.code()).as(run.stderr()).isZero();
    return FlatArchive.read(run.stdout()).config.get("config").get("Env");
  }
}
