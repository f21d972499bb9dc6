package dev.flattar.interop;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The buildah/podman-made archives of testdata/engine (docker-archive and oci-archive of every
 * whiteout, opaque, type-change, hard-link, xattr, special-file, name and metadata case): once
 * flattened, podman and containerd show exactly the tree podman shows for the original, which is
 * also the overlayfs view recorded when the images were built.
 */
class EngineArchivesIT {
  static Engines engines;

  @BeforeAll
  static void startEngines() {
    engines = Engines.start("EngineArchivesIT");
  }

  @AfterAll
  static void stopEngines() {
    if (engines != null) {
      engines.close();
    }
  }

  static List<InteropCase> archives() {
    return Inputs.engineArchives(Inputs.testdata().resolve("engine"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("archives")
  void flattenedImage_looksLikeTheOriginalToPodmanAndContainerd(InteropCase c) {
    InteropCheck.verify(engines, c);
  }
}
