package dev.flattar.interop;

import static org.junit.jupiter.api.Assertions.assertAll;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine-made archive of testdata/engine in the docker format ({@code X.docker.tar}), {@code
 * docker load}ed into a private Docker Engine, flattened through the mission's pipe and through a
 * file (and, for the images whose layers delete, link or change types, with {@code --keep-base 1},
 * so that Docker applies whiteouts and opaque markers over a kept layer): each result must look to
 * Docker exactly like the original (see {@link DockerCheck}). The original's export is anchored to
 * {@code X.expected.tsv}, the kernel's overlayfs view recorded when the image was built.
 */
class DockerEngineArchivesIT {
  @RegisterExtension static final DockerPerClass DOCKER = new DockerPerClass();

  /** The images flattened again over their kept bottom layer. */
  static final Set<String> KEEP_BASE =
      Set.of("whiteouts", "opaque", "typechange", "hardlinks", "names", "many-layers");

  static List<InteropCase> archives() {
    return Inputs.engineArchives(Inputs.testdata().resolve("engine")).stream()
        .filter(c -> c.archive().getFileName().toString().endsWith(".docker.tar"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("archives")
  void flattened_looksLikeTheOriginalToDocker(InteropCase c) {
    Docker docker = DOCKER.docker();
    String label = c.archive().getFileName().toString();
    long started = System.nanoTime();
    Path work = docker.workDir(label);
    try {
      String ref = docker.loadOne(c.archive());
      DockerOriginal o = DockerOriginal.of(docker, ref, label, false, work);
      assertAll(
          label,
          () -> DockerAnchor.assertSameAsRecorded(label, c.expectedTsv(), o.view().tree()),
          () -> DockerFlatten.pipeAndFile(docker, o, work),
          () -> {
            if (KEEP_BASE.contains(label.substring(0, label.indexOf('.')))) {
              List<String> args = List.of("--keep-base", "1", "-t", "flattar-it/variant:kb1");
              DockerFlatten.loadVariant(docker, o, label + " --keep-base 1", args, 1, work);
            }
          });
      System.err.printf(
          "docker: %s ok: %d paths, %.1f s%n",
          label, o.view().tree().size(), (System.nanoTime() - started) / 1e9);
    } finally {
      docker.removeAllImages();
      Cmd.removeTree(work);
    }
  }
}
