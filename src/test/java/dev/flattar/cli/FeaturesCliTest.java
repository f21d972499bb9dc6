package dev.flattar.cli;

import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import dev.flattar.testing.ReferenceTree;
import dev.flattar.testing.SampleLayers;
import dev.flattar.testing.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options beyond the main job, through the command line. */
class FeaturesCliTest {
  static final byte[] ARCHIVE =
      Archives.build(Archives.Layout.DOCKER, ImageSpec.of(SampleLayers.STACK).tags("app:1"));

  @TempDir Path tmp;

  @Test
  void rootfs_isExactlyTheFlattenedLayer() throws Exception {
    Path in = write("in.tar", ARCHIVE);
    CliRunner.Run flat = CliRunner.run(new byte[0], in.toString());
    CliRunner.Run rootfs = CliRunner.run(new byte[0], "--rootfs", in.toString());
    CliRunner.Run gz = CliRunner.run(new byte[0], "--rootfs", "--compress", "gzip", in.toString());

    assertThat(rootfs.code()).isZero();
    assertThat(rootfs.stdout()).isEqualTo(FlatArchive.read(flat.stdout()).layer);
    assertThat(Layers.gunzipIfNeeded(gz.stdout())).isEqualTo(rootfs.stdout());
    assertThat(ReferenceTree.of(List.of(rootfs.stdout())).describe())
        .isEqualTo(ReferenceTree.of(SampleLayers.STACK).describe());
  }

  @Test
  void inspect_countsWhatLaterLayersHide_andWritesNothing() throws Exception {
    byte[] l1 = Layers.tar(file("a", "x".repeat(1000)), file("b", "y".repeat(500)));
    byte[] l2 = Layers.tar(file("a", "z".repeat(100)), Member.whiteout("b"));
    Path in =
        write("in.tar", Archives.build(Archives.Layout.DOCKER, ImageSpec.of(l1, l2).tags("app:1")));

    CliRunner.Run table = CliRunner.run(new byte[0], "inspect", in.toString());
    CliRunner.Run json = CliRunner.run(new byte[0], "--dry-run", "--json", in.toString());

    assertThat(table.code()).isZero();
    assertThat(table.stdoutText())
        .contains("image sha256:")
        .contains("app:1")
        .contains("flattened: 1 entries");
    JsonNode image = TestJson.MAPPER.readTree(json.stdout()).get("images").get(0);
    assertThat(image.get("layers").get(0).get("entries").asLong()).isEqualTo(2);
    assertThat(image.get("layers").get(0).get("bytes").asLong()).isEqualTo(1500);
    assertThat(image.get("layers").get(0).get("hiddenBytes").asLong()).isEqualTo(1500);
    assertThat(image.get("layers").get(1).get("hiddenBytes").asLong()).isZero();
    assertThat(image.get("flattenedEntries").asLong()).isEqualTo(1);
    assertThat(image.get("flattenedLayerSize").asLong())
        .isEqualTo(
            FlatArchive.read(CliRunner.run(new byte[0], in.toString()).stdout()).layer.length);
    try (var files = Files.list(tmp)) {
      assertThat(files).containsExactly(in);
    }
  }

  @Test
  void created_andSourceDateEpoch_setTheConfigTime_clampMtimeClampsEntries() throws Exception {
    Path in = write("in.tar", ARCHIVE);

    JsonNode byFlag =
        config(CliRunner.run(new byte[0], "--created", "2030-01-02T03:04:05Z", in.toString()));
    CliRunner.Run byEnv =
        CliRunner.run(new byte[0], Map.of("SOURCE_DATE_EPOCH", "86400"), in.toString());
    CliRunner.Run clamped = CliRunner.run(new byte[0], "--clamp-mtime", "@1000", in.toString());

    assertThat(byFlag.get("created").asText()).isEqualTo("2030-01-02T03:04:05Z");
    JsonNode history = byFlag.get("history");
    assertThat(history.get(history.size() - 1).get("created").asText())
        .isEqualTo("2030-01-02T03:04:05Z");
    assertThat(config(byEnv).get("created").asText()).isEqualTo("1970-01-02T00:00:00Z");
    for (var e : Layers.entries(FlatArchive.read(clamped.stdout()).layer)) {
      assertThat(e.mtimeSeconds()).isLessThanOrEqualTo(1000);
    }
    assertThat(
            CliRunner.run(new byte[0], Map.of("SOURCE_DATE_EPOCH", "yesterday"), in.toString())
                .code())
        .isEqualTo(2);
  }

  @Test
  void maxLayers_copiesAnImageThatIsSmallEnough() throws Exception {
    Path in = write("in.tar", ARCHIVE);

    CliRunner.Run small = CliRunner.run(new byte[0], "--max-layers", "3", in.toString());
    CliRunner.Run large = CliRunner.run(new byte[0], "--max-layers", "2", in.toString());

    assertThat(small.code()).isZero();
    assertThat(small.stdout()).isEqualTo(ARCHIVE);
    assertThat(small.stderr())
        .contains("already has at most 3 layers; copied the archive unchanged");
    assertThat(FlatArchive.read(large.stdout()).layers).hasSize(1);
  }

  @Test
  void inPlace_replacesTheInputAtomically() throws Exception {
    Path in = write("app.tar", ARCHIVE);

    assertThat(CliRunner.run(new byte[0], "-o", in.toString(), in.toString()).code()).isEqualTo(1);
    CliRunner.Run run = CliRunner.run(new byte[0], "--in-place", in.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(FlatArchive.read(in).tree().describe())
        .isEqualTo(ReferenceTree.of(SampleLayers.STACK).describe());
    try (var files = Files.list(tmp)) {
      assertThat(files).containsExactly(in);
    }
  }

  @Test
  void allImages_flattensEachKeepingItsNames() throws Exception {
    List<byte[]> other = List.of(Layers.tar(file("o", "o")), Layers.tar(file("p", "p")));
    Path in =
        write(
            "two.tar",
            Archives.build(
                Archives.Layout.DOCKER,
                ImageSpec.of(SampleLayers.STACK).tags("one:1"),
                ImageSpec.of(other).tags("two:2")));

    CliRunner.Run run = CliRunner.run(new byte[0], "--all-images", in.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    Map<String, byte[]> members = Archives.members(run.stdout());
    JsonNode manifest = TestJson.MAPPER.readTree(members.get("manifest.json"));
    assertThat(manifest).hasSize(2);
    assertThat(manifest.get(0).get("RepoTags").get(0).asText()).isEqualTo("one:1");
    assertThat(manifest.get(1).get("RepoTags").get(0).asText()).isEqualTo("two:2");
    for (JsonNode entry : manifest) {
      assertThat(entry.get("Layers")).hasSize(1);
    }
    byte[] second = members.get(manifest.get(1).get("Layers").get(0).asText());
    assertThat(ReferenceTree.of(List.of(second)).describe())
        .isEqualTo(ReferenceTree.of(other).describe());
    assertThat(CliRunner.run(new byte[0], "--all-images", "-t", "x:1", in.toString()).stderr())
        .contains("--tag names one image");
  }

  @Test
  void argumentFiles_holdOneArgumentPerLine() throws Exception {
    Path in = write("in with space.tar", ARCHIVE);
    Path args = tmp.resolve("args");
    Files.writeString(args, "--tag\nfrom-file:1\n" + in + "\n");

    CliRunner.Run run = CliRunner.run(new byte[0], "@" + args);

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(FlatArchive.read(run.stdout()).repoTags()).containsExactly("from-file:1");
  }

  @Test
  void badOptionValues_areUsageErrors() {
    for (String[] args :
        List.of(
            new String[] {"--format", "zip"},
            new String[] {"--compress", "gzip:12"},
            new String[] {"--compress", "lz4"},
            new String[] {"--keep-base", "-1"},
            new String[] {"--keep-base", "2", "--from-layer", "3"},
            new String[] {"--created", "yesterday"},
            new String[] {"--max-layers", "0"},
            new String[] {"--image", "a", "--all-images"},
            new String[] {"--rootfs", "--format", "oci"},
            new String[] {"--rootfs", "--keep-base", "1"},
            new String[] {"--json"},
            new String[] {"@/no/such/file"})) {
      CliRunner.Run run = CliRunner.run(new byte[0], args);
      assertThat(run.code()).as(String.join(" ", args) + ": " + run.stderr()).isEqualTo(2);
      assertThat(run.stderr()).contains("--help");
    }
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static JsonNode config(CliRunner.Run run) {
    assertThat(run.code()).as(run.stderr()).isZero();
    return FlatArchive.read(run.stdout()).config;
  }
}
