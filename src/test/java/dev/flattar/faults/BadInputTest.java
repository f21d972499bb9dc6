package dev.flattar.faults;

import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.cli.CliRunner;
import dev.flattar.model.Digest;
import dev.flattar.testing.Archives;
import dev.flattar.testing.Archives.Layout;
import dev.flattar.testing.Bytes;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets one clear line on stderr naming the problem, exit status 1, and no output file;
 * the input is never modified.
 */
class BadInputTest {
  @TempDir Path tmp;

  static final byte[] LAYER1 = Layers.tar(file("a", "a".repeat(3000)), file("b", "b"));
  static final byte[] LAYER2 = Layers.tar(Member.whiteout("b"), file("c", "c"));
  static final byte[] GOOD =
      Archives.build(Layout.DOCKER, ImageSpec.of(LAYER1, LAYER2).tags("app:1"));

  static Stream<Arguments> badArchives() {
    Map<String, byte[]> members = Archives.members(GOOD);
    String manifestName = "manifest.json";
    String layerName = Digest.of(LAYER1).hex() + "/layer.tar";
    String configName =
        new String(members.get(manifestName), StandardCharsets.UTF_8)
            .replaceAll(".*\"Config\":\"([^\"]+)\".*", "$1");
    int layerAt = Bytes.indexOf(GOOD, LAYER1);
    int manifestAt = Bytes.indexOf(GOOD, members.get(manifestName));
    return Stream.of(
        Arguments.of("empty input", new byte[0], "input is empty"),
        Arguments.of(
            "not a tar",
            "hello, this is text\n".repeat(40).getBytes(StandardCharsets.UTF_8),
            "checksum"),
        Arguments.of(
            "truncated inside a header",
            Arrays.copyOf(GOOD, layerAt - 400),
            "ends inside a header"),
        Arguments.of(
            "truncated inside a layer", Arrays.copyOf(GOOD, layerAt + 1000), "ends inside"),
        Arguments.of(
            "truncated inside manifest.json", Arrays.copyOf(GOOD, manifestAt + 10), "ends inside"),
        Arguments.of(
            "a flipped byte in a layer", flip(GOOD, layerAt + 600), "does not match its diff_id"),
        Arguments.of("a flipped byte in a header", flip(GOOD, 10), "checksum"),
        Arguments.of("missing layer", without(members, layerName), "is not in the archive"),
        Arguments.of("missing config", without(members, configName), "is not in the archive"),
        Arguments.of(
            "manifest.json is null", with(members, manifestName, "null"), "manifest.json is null"),
        Arguments.of(
            "manifest.json is not JSON",
            with(members, manifestName, "[{\"Config\":"),
            "not valid JSON"),
        Arguments.of(
            "manifest.json is an object", with(members, manifestName, "{}"), "not a JSON array"),
        Arguments.of(
            "config is not an object", with(members, configName, "[1,2]"), "not a JSON object"),
        Arguments.of(
            "no image at all",
            Archives.tar(Map.of("hello.txt", new byte[] {1}), Map.of()),
            "not an image archive"),
        Arguments.of(
            "a layer entry escapes the root", escaping(file("../evil", "x")), "escapes the root"),
        Arguments.of(
            "a relative path climbs out", escaping(file("a/../../evil", "x")), "escapes the root"),
        Arguments.of(
            "a hard link escapes",
            escaping(file("a", "a"), Member.hardlink("b", "../../etc/passwd")),
            "escapes the root"),
        Arguments.of(
            "a hard link to nothing",
            escaping(Member.hardlink("b", "nowhere")),
            "not an earlier member"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArchives")
  void badArchive_oneLineExitOneNoOutput(String what, byte[] archive, String message)
      throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, archive);
    Path out = tmp.resolve("out.tar");

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), in.toString());

    assertThat(run.code()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stderr().lines()).as(run.stderr()).hasSize(1);
    assertThat(run.stderr()).startsWith("flat-tar: ").contains(message).doesNotContain("Exception");
    assertThat(out).doesNotExist();
    assertThat(Files.readAllBytes(in)).as("input unchanged").isEqualTo(archive);
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(in);
    }
  }

  @Test
  void aLayerFoundBadWhileTheOutputIsWritten_leavesTheTargetAsItWas() throws Exception {
    // To a file, an uncompressed layer's digest is checked while the output is written; the
    // layer here is the last one read, so the output is all but complete when the check fails.
    byte[] bad = flip(GOOD, Bytes.indexOf(GOOD, LAYER2) + 1024); // the data of 'c'
    Path in = Files.write(tmp.resolve("in.tar"), bad);
    Path out = Files.writeString(tmp.resolve("out.tar"), "previous");

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), in.toString());

    assertThat(run.code()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stderr().lines()).hasSize(1);
    assertThat(run.stderr()).startsWith("flat-tar: ").contains("does not match its diff_id");
    assertThat(Files.readString(out)).isEqualTo("previous");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactlyInAnyOrder(in, out);
    }
  }

  @Test
  void badArchiveOnStdin_writesNothingToStdout() {
    CliRunner.Run run = CliRunner.run(flip(GOOD, Bytes.indexOf(GOOD, LAYER1) + 600));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("does not match its diff_id");
  }

  @Test
  void verbose_addsTheStackTrace() throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, with(Archives.members(GOOD), "manifest.json", "null"));

    CliRunner.Run run =
        CliRunner.run(
            new byte[0], "--verbose", "-o", tmp.resolve("o.tar").toString(), in.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.stderr()).contains("InvalidImageException").contains("\tat ");
  }

  @Test
  void unreadableInputs_areNamed() throws Exception {
    CliRunner.Run missing =
        CliRunner.run(
            new byte[0], "-o", tmp.resolve("o.tar").toString(), tmp.resolve("nope.tar").toString());
    CliRunner.Run directory =
        CliRunner.run(new byte[0], "-o", tmp.resolve("o.tar").toString(), tmp.toString());

    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.stderr())
        .isEqualTo("flat-tar: cannot read input '" + tmp.resolve("nope.tar") + "': no such file\n");
    assertThat(directory.code()).isEqualTo(1);
    assertThat(directory.stderr()).contains(tmp + ": not an image layout");
  }

  private static byte[] escaping(Member... members) {
    return Archives.build(Layout.DOCKER, ImageSpec.of(Layers.tar(members)).tags("evil:1"));
  }

  private static byte[] flip(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x20;
    return copy;
  }

  private static byte[] without(Map<String, byte[]> members, String name) {
    Map<String, byte[]> copy = new LinkedHashMap<>(members);
    copy.remove(name);
    return Archives.tar(copy, Map.of());
  }

  private static byte[] with(Map<String, byte[]> members, String name, String content) {
    Map<String, byte[]> copy = new LinkedHashMap<>(members);
    copy.put(name, content.getBytes(StandardCharsets.UTF_8));
    return Archives.tar(copy, Map.of());
  }
}
