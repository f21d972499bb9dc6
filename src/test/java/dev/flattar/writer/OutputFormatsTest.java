package dev.flattar.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.FlattenResult;
import dev.flattar.Input;
import dev.flattar.Output;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Flatten;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.OciCheck;
import dev.flattar.testing.ReferenceTree;
import dev.flattar.testing.SampleLayers;
import dev.flattar.testing.TestJson;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --format docker|oci|both and --compress none|gzip|zstd: consistent, loadable, deterministic. */
class OutputFormatsTest {
  static final byte[] ARCHIVE =
      Archives.build(
          Archives.Layout.DOCKER,
          ImageSpec.of(SampleLayers.STACK).tags("registry.example.com/team/app:1.0", "app:latest"));

  @TempDir Path tmp;

  @ParameterizedTest(name = "--format {0} --compress {1}")
  @CsvSource({
    "docker, none",
    "docker, gzip",
    "docker, zstd:5",
    "oci, none",
    "oci, gzip:9",
    "both, none",
    "both, zstd",
    "oci, zstd"
  })
  void everyFormatAndCompression_isConsistentAndHoldsTheMergedTree(String format, String compress)
      throws Exception {
    FlattenOptions options =
        FlattenOptions.builder()
            .format(OutputFormat.parse(format))
            .compression(OutputCompression.parse(compress))
            .build();

    byte[] toFile = viaFile(options);
    byte[] toStream = viaStream(options);

    assertThat(toStream).as("file and stream output are the same bytes").isEqualTo(toFile);
    assertThat(viaFile(options)).as("deterministic").isEqualTo(toFile);
    Map<String, byte[]> members = Archives.members(toFile);
    if (!format.equals("docker")) {
      List<JsonNode> index = OciCheck.check(members);
      assertThat(index).hasSize(2);
      assertThat(index.get(0).get("annotations").get("io.containerd.image.name").asText())
          .isEqualTo("registry.example.com/team/app:1.0");
      assertThat(index.get(0).get("annotations").get("org.opencontainers.image.ref.name").asText())
          .isEqualTo("1.0");
      assertThat(index.get(1).get("annotations").get("io.containerd.image.name").asText())
          .isEqualTo("docker.io/library/app:latest");
    }
    if (format.equals("oci")) {
      assertThat(members).doesNotContainKey("manifest.json");
    } else {
      FlatArchive out = FlatArchive.read(toFile);
      assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(SampleLayers.STACK).describe());
      if (format.equals("both")) {
        assertThat(out.manifest.get(0).get("Layers").get(0).asText()).startsWith("blobs/sha256/");
      }
    }
    // flat-tar reads its own output, whatever the format, back to the same tree
    Path again = tmp.resolve("again.tar");
    Files.write(tmp.resolve("in2.tar"), toFile);
    FlatTar.flatten(
        tmp.resolve("in2.tar"), again, FlattenOptions.builder().image("app:latest").build());
    assertThat(FlatArchive.read(again).tree().describe())
        .isEqualTo(ReferenceTree.of(SampleLayers.STACK).describe());
  }

  /**
   * Two images whose layers merge to the same filesystem get the same new layer, stored once under
   * its digest (found in the corpus: it made --all-images fail with "member written twice").
   */
  @ParameterizedTest(name = "--format {0} --compress {1}")
  @CsvSource({"oci, none", "both, gzip", "oci, zstd", "docker, gzip"})
  void twoImagesWithTheSameFilesystem_shareOneLayerBlob(String format, String compress)
      throws Exception {
    byte[] archive =
        Archives.build(
            Archives.Layout.DOCKER,
            ImageSpec.of(SampleLayers.STACK).tags("one:1"),
            ImageSpec.of(SampleLayers.STACK)
                .tags("two:2")
                .config(c -> c.withObject("/config").putArray("Cmd").add("/bin/true")));
    FlattenOptions options =
        FlattenOptions.builder()
            .allImages(true)
            .format(OutputFormat.parse(format))
            .compression(OutputCompression.parse(compress))
            .build();
    Path in = Files.write(tmp.resolve("two.tar"), archive);
    Path out = tmp.resolve("two-flat.tar");

    FlattenResult result = FlatTar.flatten(Input.file(in), Output.file(out), options);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    FlatTar.flatten(Input.file(in), Output.stream(stream), options);

    assertThat(result.images()).hasSize(2);
    assertThat(result.images().get(0).diffId()).isEqualTo(result.images().get(1).diffId());
    assertThat(result.images().get(0).imageId()).isNotEqualTo(result.images().get(1).imageId());
    byte[] written = Files.readAllBytes(out);
    assertThat(stream.toByteArray()).as("file and stream: the same bytes").isEqualTo(written);
    Map<String, byte[]> members = Archives.members(written);
    if (!format.equals("docker")) {
      assertThat(OciCheck.check(members)).hasSize(2);
      assertThat(members.keySet().stream().filter(n -> n.startsWith("blobs/")))
          .as("one layer blob, two configs, two manifests")
          .hasSize(5);
    }
  }

  @Test
  void compressedLayer_keepsTheUncompressedDiffId() throws Exception {
    byte[] plain = viaFile(FlattenOptions.defaults());
    byte[] gzip =
        viaFile(FlattenOptions.builder().compression(OutputCompression.parse("gzip")).build());

    JsonNode plainConfig = config(plain);
    JsonNode gzipConfig = config(gzip);
    assertThat(gzipConfig.get("rootfs")).isEqualTo(plainConfig.get("rootfs"));
    byte[] layer = FlatArchive.read(gzip).layer;
    assertThat(layer[0] & 0xff).isEqualTo(0x1f);
    assertThat(Layers.gunzipIfNeeded(layer)).isEqualTo(FlatArchive.read(plain).layer);
  }

  @Test
  void parallelGzip_isOneValidGzipMemberWhateverTheSize() throws Exception {
    for (int size : new int[] {0, 1, 32 * 1024 - 1, 128 * 1024, 128 * 1024 + 1, 1_000_000}) {
      byte[] data = new byte[size];
      new java.util.Random(size).nextBytes(data);
      for (int i = 0; i < size; i += 7) {
        data[i] = 'a'; // some redundancy, so the dictionary matters
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, 6, 2);
      gz.write(data);
      gz.finish();
      byte[] compressed = out.toByteArray();
      assertThat(
              new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))
                  .readAllBytes())
          .isEqualTo(data);
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      ParallelGzipOutputStream gz1 = new ParallelGzipOutputStream(again, 6, 1);
      gz1.write(data);
      gz1.finish();
      assertThat(again.toByteArray()).as("same bytes with one worker").isEqualTo(compressed);
    }
  }

  private byte[] viaFile(FlattenOptions options) throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, ARCHIVE);
    Path out = tmp.resolve("out-" + System.nanoTime() + ".tar");
    FlatTar.flatten(Input.file(in), Output.file(out), options);
    return Files.readAllBytes(out);
  }

  private byte[] viaStream(FlattenOptions options) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FlatTar.flatten(
        Input.stream(new java.io.ByteArrayInputStream(ARCHIVE)), Output.stream(out), options);
    return out.toByteArray();
  }

  private static JsonNode config(byte[] archive) throws Exception {
    Map<String, byte[]> members = Archives.members(archive);
    JsonNode manifest = TestJson.MAPPER.readTree(members.get("manifest.json"));
    return TestJson.MAPPER.readTree(members.get(manifest.get(0).get("Config").asText()));
  }

  @Test
  void keptBaseLayers_inAnOciLayout_areNamedByTheirStoredDigest() throws Exception {
    byte[] gzipped =
        Archives.build(Archives.Layout.CONTAINERD, ImageSpec.of(SampleLayers.STACK).tags("app:1"));
    Path in = tmp.resolve("gz.tar");
    Files.write(in, gzipped);
    Path out = tmp.resolve("kept.tar");

    FlatTar.flatten(
        Input.file(in),
        Output.file(out),
        FlattenOptions.builder().keepBase(1).format(OutputFormat.BOTH).build());

    Map<String, byte[]> members = Archives.members(Files.readAllBytes(out));
    OciCheck.check(members);
    FlatArchive flat = FlatArchive.read(Files.readAllBytes(out), 2);
    assertThat(flat.tree().describe()).isEqualTo(ReferenceTree.of(SampleLayers.STACK).describe());
    assertThat(flat.layers.get(0)).isEqualTo(Layers.gzip(SampleLayers.STACK.get(0)));
    Flatten.run(Files.readAllBytes(out), FlattenOptions.defaults());
  }
}
