package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image of every "flatten" row of the shared corpus (Docker 1.4 to 25+, containerd, buildkit,
 * podman, skopeo, kaniko, crane, jib, Bazel): once flattened, podman and containerd show exactly
 * the tree a real engine (podman, or umoci where podman cannot load the original) shows for the
 * original.
 */
class CorpusArchivesIT {
  static Engines engines;

  @BeforeAll
  static void startEngines() {
    engines = Engines.start("CorpusArchivesIT");
  }

  @AfterAll
  static void stopEngines() {
    if (engines != null) {
      engines.close();
    }
  }

  static List<InteropCase> flattenRows() {
    return Inputs.corpusFlattenRows();
  }

  static List<String> refusedRows() {
    Inputs.corpusRows(); // skips (fails in CI) without a corpus, as flattenRows does
    return Inputs.REFUSED.keySet().stream().sorted().toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flattenRows")
  void flattenedImage_looksLikeTheOriginalToPodmanAndContainerd(InteropCase c) {
    InteropCheck.verify(engines, c);
  }

  /**
   * A row flat-tar deliberately refuses although the README says "flatten": the refusal is right
   * only if no engine can load the original either.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedRows")
  void rowFlatTarRefuses_isRefusedByEveryEngineToo(String file) {
    Path archive = Inputs.corpus().resolve(file);
    Path work = engines.workDir(file);
    try {
      Cmd.Result flat = BuiltJar.run(engines.jar, archive, null, work.resolve("flat.tar"));
      assertThat(flat.code()).as(flat.describe()).isEqualTo(1);
      assertThat(flat.stderr()).contains(Inputs.REFUSED.get(file));
      assertThat(work.resolve("flat.tar")).doesNotExist();

      Cmd.Result podman = engines.podman.load(archive);
      assertThat(podman.ok()).as("podman load accepts %s: %s", file, podman.stdout()).isFalse();
      for (String transport : List.of("docker-archive:", "oci-archive:")) {
        Cmd.Result skopeo =
            Skopeo.tryCopy(transport + archive, "dir:" + work.resolve(transport.replace(":", "")));
        assertThat(skopeo.ok()).as("skopeo copy %s%s succeeds", transport, file).isFalse();
      }
    } finally {
      Cmd.removeTree(work);
    }
  }
}
