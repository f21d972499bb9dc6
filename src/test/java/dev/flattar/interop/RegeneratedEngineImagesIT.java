package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The engine-made images rebuilt now, by this machine's buildah and podman (make-engine-images.sh
 * on a private containers/storage overlay store, into a temporary directory; testdata/ is left
 * alone): flat-tar flattens every regenerated archive to the tree podman shows for the regenerated
 * original, and the output passes every other check of the tier.
 */
class RegeneratedEngineImagesIT {
  static Engines engines;

  @BeforeAll
  static void startEngines() {
    Tools.require("RegeneratedEngineImagesIT", Tools.IMAGE_BUILDER);
    engines = Engines.start("RegeneratedEngineImagesIT");
  }

  @AfterAll
  static void stopEngines() {
    if (engines != null) {
      engines.close();
    }
  }

  @Test
  void regeneratedEngineImages_flattenToPodmansViewOfTheRegeneratedOriginal() {
    Path out = engines.dir.resolve("regenerated");
    Path script =
        Path.of(System.getProperty("flattar.engine", "src/test/engine"), "make-engine-images.sh");
    try (Podman builder = Podman.privateStore(engines.dir.resolve("builder-store"))) {
      Cmd.run(
              List.of("bash", script.toString(), out.toString()),
              builder.env(),
              Duration.ofMinutes(15))
          .orFail();
    }

    List<InteropCase> regenerated = Inputs.engineArchives(out);
    List<String> committed =
        Inputs.engineArchives(Inputs.testdata().resolve("engine")).stream()
            .map(c -> c.archive().getFileName().toString())
            .toList();
    assertThat(regenerated)
        .extracting(c -> c.archive().getFileName().toString())
        .as("archives the script wrote")
        .containsExactlyElementsOf(committed);
    assertThat(regenerated).allSatisfy(c -> assertThat(c.expectedTsv()).isNotNull());
    assertAll(
        "regenerated engine images",
        regenerated.stream().map(c -> (Executable) () -> InteropCheck.verify(engines, c)));
  }
}
