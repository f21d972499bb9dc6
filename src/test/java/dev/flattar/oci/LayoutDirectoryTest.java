package dev.flattar.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.cli.CliRunner;
import dev.flattar.model.Digest;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.OciImages;
import dev.flattar.testing.ReferenceTree;
import dev.flattar.testing.SampleLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OCI image layout directories, in and out: read in place and never modified; written beside the
 * target and renamed when complete, holding exactly what a --format oci archive holds.
 */
class LayoutDirectoryTest {
  static final Path LAYOUT =
      Path.of(System.getProperty("flattar.testdata", "testdata")).resolve("multiarch/two.layout");

  @TempDir Path tmp;

  @Test
  void aLayoutDirectory_isReadInPlace_andNeverChanged() throws Exception {
    Map<String, String> before = files(LAYOUT);
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), LAYOUT.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(OciImages.read(Archives.members(Files.readAllBytes(out))))
        .extracting(OciImages.Image::platform)
        .containsExactly("linux/amd64", "linux/arm64/v8");
    assertThat(files(LAYOUT)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "two.layout|''",
        "two.layout|--compress gzip",
        "two.oci.tar|--keep-base 1",
        "three.containerd.tar|--platform linux/arm64",
      })
  void aDirectoryOutput_holdsWhatAnOciArchiveHolds(String input, String options) throws Exception {
    Path in = LAYOUT.resolveSibling(input);
    Path archive = tmp.resolve("flat.tar");
    Path dir = tmp.resolve("flat");
    String[] extra = options.isEmpty() ? new String[0] : options.split(" ");

    CliRunner.Run toArchive =
        CliRunner.run(
            new byte[0], args(extra, "--format", "oci", "-o", archive.toString(), in.toString()));
    CliRunner.Run toDir = CliRunner.run(new byte[0], args(extra, "-o", dir + "/", in.toString()));

    assertThat(toArchive.code()).as(toArchive.stderr()).isZero();
    assertThat(toDir.code()).as(toDir.stderr()).isZero();
    Map<String, String> expected = new TreeMap<>();
    Archives.members(Files.readAllBytes(archive))
        .forEach((name, bytes) -> expected.put(name, Digest.of(bytes).toString()));
    assertThat(files(dir)).isEqualTo(expected);
    assertThat(leftovers()).containsExactlyInAnyOrder("flat", "flat.tar");
  }

  @Test
  void aDirectoryOutput_isReadBackAsALayout_andVerifies() throws Exception {
    Path dir = tmp.resolve("out");
    Path again = tmp.resolve("again.tar");

    CliRunner.Run run =
        CliRunner.run(new byte[0], "--verify", "-o", dir + "/", sample().toString());
    CliRunner.Run reread = CliRunner.run(new byte[0], "-o", again.toString(), dir.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(reread.code()).as(reread.stderr()).isZero();
    assertThat(dev.flattar.testing.FlatArchive.read(again).tree().describe())
        .isEqualTo(ReferenceTree.of(SampleLayers.STACK).describe());
  }

  @Test
  void anExistingDirectory_isLeftAlone_unlessReplaced() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(dir.resolve("keep-me"), "mine");

    CliRunner.Run refused = CliRunner.run(new byte[0], "-o", dir + "/", sample().toString());

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.stderr()).contains("exists").contains("--replace");
    assertThat(files(dir)).containsOnlyKeys("keep-me");

    CliRunner.Run replaced =
        CliRunner.run(new byte[0], "--replace", "-o", dir + "/", sample().toString());

    assertThat(replaced.code()).as(replaced.stderr()).isZero();
    assertThat(files(dir)).containsKeys("oci-layout", "index.json").doesNotContainKey("keep-me");
    assertThat(leftovers()).containsExactlyInAnyOrder("out", "in.tar");
  }

  @Test
  void aFailedRun_leavesNoDirectory() throws Exception {
    byte[] archive = Archives.build(Archives.Layout.DOCKER, ImageSpec.of(SampleLayers.STACK));
    archive[archive.length / 2] ^= 0x55; // inside a layer: its digest no longer matches
    Path in = Files.write(tmp.resolve("bad.tar"), archive);

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", tmp.resolve("out") + "/", in.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(leftovers()).containsExactly("bad.tar");
  }

  @Test
  void optionsThatCannotMakeALayout_areRefused() throws Exception {
    CliRunner.Run docker =
        CliRunner.run(
            new byte[0], "--format", "docker", "-o", tmp.resolve("d") + "/", sample().toString());
    CliRunner.Run rootfs =
        CliRunner.run(new byte[0], "--rootfs", "-o", tmp.resolve("r") + "/", sample().toString());
    CliRunner.Run replace =
        CliRunner.run(
            new byte[0], "--replace", "-o", tmp.resolve("f.tar").toString(), sample().toString());

    assertThat(docker.code()).isEqualTo(1);
    assertThat(docker.stderr()).contains("a directory output is an OCI image layout");
    assertThat(rootfs.code()).isEqualTo(2);
    assertThat(rootfs.stderr()).contains("--rootfs writes a tar");
    assertThat(replace.code()).isEqualTo(2);
    assertThat(leftovers()).containsExactly("in.tar");
  }

  @Test
  void maxLayers_copiesTheLayoutAsItIs() throws Exception {
    Path dir = tmp.resolve("copy");

    CliRunner.Run run =
        CliRunner.run(new byte[0], "--max-layers", "9", "-o", dir + "/", LAYOUT.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(files(dir)).isEqualTo(files(LAYOUT));
  }

  private Path sample() throws IOException {
    Path in = tmp.resolve("in.tar");
    if (!Files.exists(in)) {
      Files.write(
          in,
          Archives.build(Archives.Layout.DOCKER, ImageSpec.of(SampleLayers.STACK).tags("app:1")));
    }
    return in;
  }

  private static String[] args(String[] first, String... rest) {
    String[] all = new String[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  /** Every regular file below {@code dir} by relative path, with its digest. */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Digest.of(Files.readAllBytes(f)).toString());
      }
    }
    return out;
  }

  /** What the temporary directory holds now, hidden temporary names included. */
  private Iterable<String> leftovers() throws IOException {
    try (Stream<Path> list = Files.list(tmp)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }
}
