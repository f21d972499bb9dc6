package dev.flattar.archive;

import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.FlattenOptions;
import dev.flattar.testing.Archives;
import dev.flattar.testing.Archives.Layout;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Flatten;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.LayerChecks;
import dev.flattar.testing.Layers;
import dev.flattar.testing.ReferenceTree;
import dev.flattar.testing.SampleLayers;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every input layout of FORMAT.md section 1 flattens to the reference tree. */
class LayoutsTest {
  static final List<byte[]> LAYERS = SampleLayers.STACK;

  @ParameterizedTest
  @EnumSource(Layout.class)
  void everyLayout_flattensToTheReferenceTree(Layout layout) throws Exception {
    byte[] archive = Archives.build(layout, ImageSpec.of(LAYERS).tags("example.com/app:1.0"));

    FlatArchive out = Flatten.run(archive);

    LayerChecks.assertWellFormed(out.layer);
    assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(LAYERS).describe());
    assertThat(out.repoTags()).containsExactly("example.com/app:1.0");
  }

  @ParameterizedTest
  @EnumSource(
      value = Layout.class,
      names = {"DOCKER25", "OCI", "CONTAINERD"})
  void zstdBlobs_areRecognisedByMagicBytes(Layout layout) throws Exception {
    byte[] archive = Archives.build(layout, Layers::zstd, ImageSpec.of(LAYERS).tags("app:z"));

    FlatArchive out = Flatten.run(archive);

    assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(LAYERS).describe());
  }

  @Test
  void layerCompression_isDetectedByMagicNotName() throws Exception {
    // A docker save archive whose "layer.tar" members are really gzip, as in pre-1.10 saves.
    byte[] archive =
        Archives.build(Layout.DOCKER, Layers::gzip, ImageSpec.of(LAYERS).tags("app:gz"));

    FlatArchive out = Flatten.run(archive);

    assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(LAYERS).describe());
  }

  @ParameterizedTest
  @EnumSource(WholeArchive.class)
  void aCompressedArchive_isReadAfterDecompressingItOnce(WholeArchive compression)
      throws Exception {
    byte[] archive = Archives.build(Layout.DOCKER, ImageSpec.of(LAYERS).tags("app:1"));

    FlatArchive out = Flatten.run(compression.apply(archive));

    assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(LAYERS).describe());
  }

  @Test
  void theSameLayerListedTwice_isAppliedTwice() throws Exception {
    byte[] layer = Layers.tar(file("f", "same"));
    byte[] archive = Archives.build(Layout.DOCKER, ImageSpec.of(layer, layer).tags("twice:1"));

    FlatArchive out = Flatten.run(archive);

    assertThat(out.tree().paths()).containsExactlyInAnyOrder("", "f");
    assertThat(out.config.get("history")).hasSize(3);
  }

  @Test
  void anImageWithNoLayers_becomesOneEmptyLayer() throws Exception {
    byte[] archive = Archives.build(Layout.OCI, ImageSpec.of(List.of()).tags("empty:1"));

    FlatArchive out = Flatten.run(archive);

    assertThat(out.tree().paths()).containsExactly("");
    assertThat(out.layer).hasSize(1024);
  }

  @Test
  void multiImageArchive_flattensTheImageChosenByTagOrId() throws Exception {
    List<byte[]> other = List.of(Layers.tar(file("other", "o")));
    byte[] archive =
        Archives.build(
            Layout.DOCKER, ImageSpec.of(LAYERS).tags("one:1"), ImageSpec.of(other).tags("two:2"));

    FlatArchive two = Flatten.run(archive, FlattenOptions.builder().image("two:2").build());
    FlatArchive one =
        Flatten.run(archive, FlattenOptions.builder().image("docker.io/library/one:1").build());

    assertThat(two.tree().describe()).isEqualTo(ReferenceTree.of(other).describe());
    assertThat(two.repoTags()).containsExactly("two:2");
    assertThat(one.tree().describe()).isEqualTo(ReferenceTree.of(LAYERS).describe());
  }

  enum WholeArchive implements UnaryOperator<byte[]> {
    GZIP,
    BZIP2,
    XZ,
    ZSTD;

    @Override
    public byte[] apply(byte[] bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        switch (this) {
          case GZIP -> {
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
              z.write(bytes);
            }
          }
          case BZIP2 -> {
            try (BZip2CompressorOutputStream z = new BZip2CompressorOutputStream(out)) {
              z.write(bytes);
            }
          }
          case XZ -> {
            try (XZCompressorOutputStream z = new XZCompressorOutputStream(out)) {
              z.write(bytes);
            }
          }
          case ZSTD -> {
            return Layers.zstd(bytes);
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }
}
