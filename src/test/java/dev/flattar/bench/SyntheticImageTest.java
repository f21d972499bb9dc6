package dev.flattar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Flatten;
import dev.flattar.testing.LayerChecks;
import dev.flattar.testing.ReferenceTree;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark's inputs, scaled down, flatten correctly: speed is only measured on right answers.
 */
class SyntheticImageTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "layers=6 files=60 size=1000..3000 rewrite=0.3",
        "layers=10 files=400 size=100..300 rewrite=0.2 whiteout=0.05 hardlinks=0.01 perdir=50",
        "layers=4 files=50 size=2000 rewrite=0.3 whiteout=0.1 hardlinks=0.1 gzip=true text=true"
      })
  void flattensToTheReferenceTree(String shape) throws Exception {
    Path archive = tmp.resolve("in.tar");
    SyntheticImage.write(Shape.parse(shape.split(" ")), archive);
    byte[] bytes = Files.readAllBytes(archive);

    FlatArchive out = Flatten.run(bytes);

    LayerChecks.assertWellFormed(out.layer);
    assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(layers(bytes)).describe());
  }

  private static List<byte[]> layers(byte[] archive) throws Exception {
    var members = Archives.members(archive);
    var manifest = dev.flattar.testing.TestJson.MAPPER.readTree(members.get("manifest.json"));
    List<byte[]> out = new ArrayList<>();
    for (var name : manifest.get(0).get("Layers")) {
      byte[] layer = members.get(name.asText());
      out.add(
          layer.length > 1 && layer[0] == 0x1f
              ? new GZIPInputStream(new ByteArrayInputStream(layer)).readAllBytes()
              : layer);
    }
    return out;
  }
}
