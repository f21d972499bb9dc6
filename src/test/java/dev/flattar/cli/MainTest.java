package dev.flattar.cli;

import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command-line contract: exit codes, streams, refusals. */
class MainTest {
  static final byte[] ARCHIVE =
      Archives.build(
          Archives.Layout.DOCKER,
          ImageSpec.of(Layers.tar(file("a", "a")), Layers.tar(file("b", "b"))).tags("app:1"));

  @TempDir Path tmp;

  @Test
  void stdinToStdout_writesTheArchiveAndNothingElse() {
    CliRunner.Run run = CliRunner.run(ARCHIVE);

    assertThat(run.code()).isZero();
    assertThat(run.stderr())
        .as("stdout holds the archive; stderr one line on what became of the image")
        .matches("flat-tar: app:1: 2 layers → 1, .*\n");
    assertThat(FlatArchive.read(run.stdout()).repoTags()).containsExactly("app:1");
  }

  @Test
  void dashMeansStdinAndStdout() {
    CliRunner.Run run = CliRunner.run(ARCHIVE, "-o", "-", "-");

    assertThat(run.code()).isZero();
    assertThat(FlatArchive.read(run.stdout()).tree().paths()).contains("a", "b");
  }

  @Test
  void fileToFile_andStdinToFile_giveIdenticalBytes() throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, ARCHIVE);

    assertThat(
            CliRunner.run(new byte[0], "-o", tmp.resolve("a.tar").toString(), in.toString()).code())
        .isZero();
    assertThat(CliRunner.run(ARCHIVE, "--output", tmp.resolve("b.tar").toString()).code()).isZero();
    CliRunner.Run toStdout = CliRunner.run(new byte[0], in.toString());

    byte[] a = Files.readAllBytes(tmp.resolve("a.tar"));
    assertThat(Files.readAllBytes(tmp.resolve("b.tar"))).isEqualTo(a);
    assertThat(toStdout.stdout()).isEqualTo(a);
  }

  @Test
  void tagsReplaceTheInputNames() {
    CliRunner.Run run = CliRunner.run(ARCHIVE, "-t", "x:1", "--tag", "registry.example.com:5000/y");

    assertThat(FlatArchive.read(run.stdout()).repoTags())
        .containsExactly("x:1", "registry.example.com:5000/y:latest");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--no-such-option|no-such-option",
        "-t|requires an argument",
        "-t BAD:Tag:x|invalid tag 'BAD:Tag:x'",
        "a.tar b.tar|expected one INPUT",
        "-v -q|exclude each other",
        "--keep-base 2 --from-layer 3|--keep-base and --from-layer exclude each other",
        "--rootfs --tag a:1|--rootfs writes one plain filesystem tar: it takes no --tag",
        "--max-layers 0|--max-layers must be 1 or more, got 0",
        "--verify|--verify reads the output back, so it needs -o FILE"
      })
  void usageErrors_exitTwo(String args, String message) {
    CliRunner.Run run = CliRunner.run(new byte[0], args.split(" "));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.stderr()).contains(message).contains("--help");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void refusesToWriteBinaryToATerminal() throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, ARCHIVE);
    CliRunner.Run run = CliRunner.run(new byte[0], true, in.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.stderr()).contains("refusing to write a binary archive to a terminal");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void refusesToWaitForAnArchiveTypedAtATerminal() {
    CliRunner.Run run = CliRunner.run(new byte[0], true, "-o", tmp.resolve("o.tar").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.stderr()).contains("no input");
  }

  @Test
  void refusesAnOutputThatIsTheInput() throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, ARCHIVE);
    Path alias = tmp.resolve("alias.tar");
    Files.createSymbolicLink(alias, in);

    CliRunner.Run same = CliRunner.run(new byte[0], "-o", in.toString(), in.toString());
    CliRunner.Run viaLink = CliRunner.run(new byte[0], "-o", alias.toString(), in.toString());

    assertThat(same.code()).isEqualTo(1);
    assertThat(same.stderr()).contains("is the input file");
    assertThat(viaLink.code()).isEqualTo(1);
    assertThat(Files.readAllBytes(in)).isEqualTo(ARCHIVE);
  }

  @Test
  void helpAndVersion_goToStdoutWithExitZero() {
    CliRunner.Run help = CliRunner.run(new byte[0], "--help");
    CliRunner.Run version = CliRunner.run(new byte[0], "--version");

    assertThat(help.code()).isZero();
    assertThat(help.stdoutText())
        .contains("Usage: flat-tar")
        .contains("--output")
        .contains("--tag")
        .contains("--image")
        .contains("Exit status");
    assertThat(version.code()).isZero();
    assertThat(version.stdoutText()).matches("flat-tar \\d+\\.\\d+\\.\\d+.*\\n");
  }

  @Test
  void outputIntoAMissingDirectory_isNamed() throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, ARCHIVE);

    CliRunner.Run run =
        CliRunner.run(
            new byte[0], "-o", tmp.resolve("no/such/dir/out.tar").toString(), in.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.stderr()).contains("does not exist");
  }

  @Test
  void verbose_explainsTheSteps() {
    CliRunner.Run run = CliRunner.run(ARCHIVE, "-v");

    assertThat(run.code()).isZero();
    assertThat(run.stderr()).contains("2 layers").contains("merged:").contains("wrote sha256:");
  }
}
