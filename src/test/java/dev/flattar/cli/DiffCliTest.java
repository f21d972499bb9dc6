package dev.flattar.cli;

import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code flat-tar diff A B} on the command line: its exit codes, its text and its JSON. */
class DiffCliTest {
  @TempDir Path tmp;

  @Test
  void anImageAndItsFlattenedOutput_exit0_withOneLine() throws Exception {
    Path in = archive("in.tar", Layers.tar(file("a", "1")), Layers.tar(file("a", "2")));
    Path out = tmp.resolve("flat.tar");
    assertThat(CliRunner.run(new byte[0], "-q", "-o", out.toString(), in.toString()).code())
        .isZero();

    CliRunner.Run run = CliRunner.run(new byte[0], "diff", in.toString(), out.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(text(run))
        .matches(
            "t:1 \\([0-9a-f]{12}, linux/amd64\\) and t:1 \\([0-9a-f]{12}, linux/amd64\\)"
                + " have the same filesystem \\(1 path\\) and config\n");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void differentImages_exit1_withASummaryAndALinePerDifference() throws Exception {
    Path a = archive("a.tar", Layers.tar(file("a", "1"), file("gone", "g")));
    Path b = archive("b.tar", Layers.tar(file("a", "2"), file("new", "n")));

    CliRunner.Run run = CliRunner.run(new byte[0], "diff", a.toString(), b.toString());

    assertThat(run.code()).as(run.stderr()).isEqualTo(1);
    List<String> lines = text(run).lines().toList();
    assertThat(lines.get(0)).endsWith(" differ: 1 path changed, 1 path added, 1 path removed");
    assertThat(lines.subList(1, lines.size()))
        .containsExactly(
            "~ a: content sha256:6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b"
                + " → sha256:d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35",
            "- gone (file)",
            "+ new (file)");
  }

  @Test
  void manyDifferences_showTheFirst20_andVerboseShowsAll() throws Exception {
    List<Member> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(file(String.format("f%02d", i), "x"));
    }
    Path a = archive("a.tar", Layers.tar());
    Path b = archive("b.tar", Layers.tar(many.toArray(Member[]::new)));

    List<String> brief =
        text(CliRunner.run(new byte[0], "diff", a.toString(), b.toString())).lines().toList();
    List<String> all =
        text(CliRunner.run(new byte[0], "diff", "-v", a.toString(), b.toString())).lines().toList();

    assertThat(brief).hasSize(1 + 20 + 1);
    assertThat(brief.get(21)).isEqualTo("… and 5 more (--verbose shows them all)");
    assertThat(all).hasSize(1 + 25);
  }

  @Test
  void json_holdsEveryDifferenceWithBothValues() throws Exception {
    Path a = archive("a.tar", Layers.tar(file("a", "1")));
    Path b = archive("b.tar", Layers.tar(file("a", "1").mode(0600)));

    CliRunner.Run run = CliRunner.run(new byte[0], "diff", "--json", a.toString(), b.toString());

    assertThat(run.code()).isEqualTo(1);
    JsonNode json = TestJson.MAPPER.readTree(run.stdout());
    assertThat(json.get("same").asBoolean()).isFalse();
    assertThat(json.at("/counts/changed").asInt()).isEqualTo(1);
    assertThat(json.at("/differences/0").toString())
        .isEqualTo(
            "{\"kind\":\"changed\",\"path\":\"a\",\"fields\":"
                + "[{\"name\":\"mode\",\"first\":\"0644\",\"second\":\"0600\"}]}");
  }

  @Test
  void oneSideFromStandardInput() throws Exception {
    Path a = archive("a.tar", Layers.tar(file("a", "1")));

    CliRunner.Run run = CliRunner.run(Files.readAllBytes(a), "diff", "-", a.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
  }

  @Test
  void quiet_saysNothingWhenTheImagesAreTheSame() throws Exception {
    Path a = archive("a.tar", Layers.tar(file("a", "1")));

    CliRunner.Run run = CliRunner.run(new byte[0], "diff", "-q", a.toString(), a.toString());

    assertThat(run.code()).isZero();
    assertThat(run.stdout()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "one input|diff A|diff compares two images: flat-tar diff [OPTIONS] A B (got 1)",
        "both from stdin|diff - -|diff reads at most one image from standard input (-)",
        "a flattening flag|diff --keep-base 1 A A|--keep-base does not go with diff",
        "a diff flag without diff|--ignore-mtime A|--ignore-mtime goes with diff",
        "an unreadable input|diff A MISSING|MISSING",
      })
  void aUsageErrorOrUnreadableInput_exits2_withOneLine(String what, String args, String message)
      throws Exception {
    Path a = archive("a.tar", Layers.tar(file("a", "1")));
    String[] argv =
        args.replace("MISSING", tmp.resolve("missing.tar").toString())
            .replace("A", a.toString())
            .split(" ");

    CliRunner.Run run = CliRunner.run(new byte[0], argv);

    assertThat(run.code()).as(what + ": " + run.stderr()).isEqualTo(2);
    assertThat(run.stderr().lines().findFirst().orElseThrow())
        .startsWith("flat-tar: ")
        .contains(message.replace("MISSING", tmp.resolve("missing.tar").toString()));
    assertThat(run.stdout()).isEmpty();
  }

  private Path archive(String name, byte[]... layers) throws IOException {
    return Files.write(
        tmp.resolve(name),
        Archives.build(Archives.Layout.DOCKER, ImageSpec.of(layers).tags("t:1")));
  }

  private static String text(CliRunner.Run run) {
    return new String(run.stdout(), StandardCharsets.UTF_8);
  }
}
