package dev.flattar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.cli.CliRunner;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.LayerChecks;
import dev.flattar.testing.OverlayTsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The archives buildah and podman made (testdata/engine, see src/test/engine/README.md) flatten to
 * exactly the tree the kernel's overlayfs showed for the original image: every path, type, mode,
 * owner, mtime, size, content digest, link target, device, xattr and hard-link group.
 */
class EngineImagesTest {
  static final Path ENGINE =
      Path.of(System.getProperty("flattar.testdata", "testdata")).resolve("engine");

  @TempDir Path tmp;

  static Stream<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(ENGINE)) {
      return files.filter(p -> p.toString().endsWith(".tar")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("archives")
  void flattensToTheOverlayView(Path archive) throws Exception {
    String name = archive.getFileName().toString();
    Path expected = ENGINE.resolve(name.substring(0, name.indexOf('.')) + ".expected.tsv");
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), archive.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    FlatArchive flat = FlatArchive.read(out);
    LayerChecks.assertWellFormed(flat.layer);
    List<String> actual = OverlayTsv.lines(flat.tree());
    List<String> truth = new ArrayList<>(Files.readAllLines(expected));
    truth.removeIf(l -> l.startsWith("#"));
    assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", truth));
  }
}
