package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.flattar.testing.Layers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Images built by the Docker Engine itself from the Dockerfiles of src/test/docker (classic
 * builder, no network), one made by {@code docker import} and one by {@code docker commit}: each is
 * flattened through the mission's pipe and through a file, with kept base layers, and in every
 * output format and compression, and must look to Docker exactly like the original (or be refused
 * by Docker, where Engine 20.10 cannot read the format). The daemon's own squash of the same
 * Dockerfiles is compared with the same truth (the unsquashed build): it must differ exactly as
 * {@link DockerSquashFindings} records, and flat-tar not at all.
 *
 * <p>Everything is built once, in {@code @BeforeAll}; each original is looked at once and reused.
 */
class DockerBuiltImagesIT {
  @RegisterExtension static final DockerPerClass DOCKER = new DockerPerClass();

  static Docker docker;
  private static final Map<String, DockerOriginal> ORIGINALS = new HashMap<>();

  @BeforeAll
  static void buildImages() {
    docker = DOCKER.docker();
    long started = System.nanoTime();
    DockerBuilds.buildAll(docker, docker.workDir("builds"));
    System.err.printf(
        "docker: built %d images in %.1f s%n",
        docker.images().size(), (System.nanoTime() - started) / 1e9);
  }

  /** The original by name, saved and looked at on first use. */
  static DockerOriginal original(String name) {
    return ORIGINALS.computeIfAbsent(
        name,
        n -> DockerOriginal.of(docker, DockerBuilds.ref(n), n, true, docker.workDir("orig-" + n)));
  }

  static List<String> images() {
    List<String> all = new ArrayList<>(DockerBuilds.cases());
    all.addAll(List.of("imported", "committed"));
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void flattened_looksLikeTheOriginalToDocker(String name) {
    run(name, work -> DockerFlatten.pipeAndFile(docker, original(name), work));
  }

  static List<String> dockerfiles() {
    return DockerBuilds.cases();
  }

  /**
   * The daemon's squash and flat-tar's result in the same shape (the base's layers kept and one
   * layer on them, or one layer for a FROM-scratch build), each compared with the unsquashed build.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dockerfiles")
  void squash_differsOnlyAsRecorded_flatTarNotAtAll(String name) {
    int kept = DockerBuilds.fromBase(name) ? DockerBuilds.BASE_LAYERS : 0;
    run(
        name + " --squash",
        work -> {
          DockerOriginal truth = original(name);
          DockerView squash =
              DockerView.of(docker, DockerBuilds.squashRef(name), name + " --squash", work);
          List<String> diff = DockerCheck.differences(truth.view(), squash, kept, truth.nonEmpty());
          List<String> args = List.of("--keep-base", "" + kept, "-t", "flattar-it/variant:sq");
          assertAll(
              name,
              () ->
                  assertThat(
                          DockerSquashFindings.unexpected(
                              DockerSquashFindings.expected(name), diff))
                      .as(DockerCheck.report(name + " --squash", truth.view(), squash, diff))
                      .isEmpty(),
              () ->
                  DockerFlatten.loadVariant(
                      docker, truth, name + " --keep-base " + kept, args, kept, work));
        });
  }

  /**
   * Other kept bases, up to all layers but the last: the first N RootFS.Layers are the original's.
   */
  @ParameterizedTest(name = "{0} --keep-base {1}")
  @CsvSource({"many-layers, 1", "many-layers, 30", "cleanup, 8", "committed, 13"})
  void keepBase_keepsTheBottomLayers(String name, int n) {
    String label = name + " --keep-base " + n;
    List<String> args = List.of("--keep-base", "" + n, "-t", "flattar-it/variant:kb");
    run(label, work -> DockerFlatten.loadVariant(docker, original(name), label, args, n, work));
  }

  /**
   * Each output Docker 20.10 reads (docker and both formats, layer plain or gzip) loads as the same
   * image as the original, its layer compressed as asked.
   */
  @ParameterizedTest(name = "--format {0} --compress {1}")
  @CsvSource({"docker, none, none", "docker, gzip, gzip", "both, none, none", "both, gzip:9, gzip"})
  void format_dockerLoadsIt(String format, String compress, String magic) {
    String label = "hardlinks --format " + format + " --compress " + compress;
    run(
        label,
        work -> {
          Path file = flatten(format, compress, work);
          assertThat(DockerFormats.layerCompression(file)).as("new layer").isEqualTo(magic);
          DockerFlatten.loadFile(docker, original("hardlinks"), label, file, 0, work);
        });
  }

  /** What Docker 20.10 cannot read: zstd layers, an OCI layout without manifest.json. */
  @ParameterizedTest(name = "--format {0} --compress {1}")
  @CsvSource({
    "docker, zstd, " + DockerFormats.ZSTD_REFUSED,
    "both, zstd:19, " + DockerFormats.ZSTD_REFUSED,
    "oci, none, " + DockerFormats.OCI_REFUSED,
    "oci, gzip, " + DockerFormats.OCI_REFUSED
  })
  void format_dockerRefusesWhatItCannotRead(String format, String compress, String why) {
    String label = "hardlinks --format " + format + " --compress " + compress;
    run(label, work -> DockerFlatten.refused(docker, label, flatten(format, compress, work), why));
  }

  /**
   * The zstd refusal is Docker's, not flat-tar's: Docker's own save of an image with its layers
   * recompressed by zstd (diff_ids unchanged) is refused the same way, and recompressed by gzip it
   * loads as the same image. The image is the imported one, whose only layer no other image shares:
   * docker load skips reading a layer the daemon already has.
   */
  @Test
  void zstd_isRefusedEvenInDockersOwnSave() {
    DockerOriginal imported = original("imported");
    run(
        "imported, Docker's save recompressed",
        work -> {
          Path saved = imported.archive();
          Path zstd = DockerArchiveEdit.compressLayers(saved, work.resolve("z.tar"), Layers::zstd);
          Path gzip = DockerArchiveEdit.compressLayers(saved, work.resolve("g.tar"), Layers::gzip);
          docker.remove(imported.id());
          try {
            DockerFlatten.refused(docker, "zstd layers", zstd, DockerFormats.ZSTD_REFUSED);
            docker.load(gzip).orFail();
            assertThat(docker.id(imported.ref())).as("gzip layers").isEqualTo(imported.id());
          } finally {
            if (!docker.exists(imported.id())) {
              docker.load(saved).orFail();
            }
          }
        });
  }

  private static Path flatten(String format, String compress, Path work) {
    List<String> args =
        List.of("--format", format, "--compress", compress, "-t", "flattar-it/variant:fmt");
    return DockerFlatten.flatten(docker, original("hardlinks"), work.resolve("out.tar"), args);
  }

  private static void run(String label, Consumer<Path> body) {
    long started = System.nanoTime();
    Path work = docker.workDir(label);
    try {
      body.accept(work);
      System.err.printf("docker: %s ok, %.1f s%n", label, (System.nanoTime() - started) / 1e9);
    } finally {
      Cmd.removeTree(work);
    }
  }
}
