package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flattar.testing.FlatArchive;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Docker tier's instrument itself: differences planted in flat-tar's output (a byte of a file,
 * a mode bit, a hard link written as a copy), loaded by Docker, must make {@link DockerCheck} fail
 * and name the path and the field; the same layer rewritten without a plant must pass. The original
 * is testdata/engine/hardlinks.docker.tar.
 */
class DockerCheckerIT {
  @RegisterExtension static final DockerPerClass DOCKER = new DockerPerClass();

  static Docker docker;
  static DockerOriginal original;
  static Path flat;
  static byte[] layer;

  Path work;

  @BeforeAll
  static void loadOriginal() {
    docker = DOCKER.docker();
    Path dir = docker.workDir("original");
    String ref = docker.loadOne(Inputs.testdata().resolve("engine/hardlinks.docker.tar"));
    original = DockerOriginal.of(docker, ref, "hardlinks.docker.tar", false, dir);
    flat = DockerFlatten.flatten(docker, original, dir.resolve("flat.tar"), List.of());
    layer = FlatArchive.read(flat).layer;
  }

  @BeforeEach
  void makeWorkDir() {
    work = docker.workDir("plant");
  }

  @AfterEach
  void removeWorkDir() {
    Cmd.removeTree(work);
  }

  @Test
  void theLayerRewrittenWithoutAPlant_showsNoDifference() {
    DockerCheck.assertSame("no plant", original.view(), planted(DockerPlants.NONE), 0, nonEmpty());
  }

  @Test
  void aChangedByte_isReportedInTheTreeAndTheRunningContainer() {
    String path = DockerPlants.plainFile(layer);
    DockerView planted = planted(DockerPlants.flipFirstByte(path));
    assertFails(planted, "tree: ~ " + path + "  data sha256:", "run: - ", "run: + ");
    assertThat(DockerCheck.differences(original.view(), planted, 0, nonEmpty()))
        .allMatch(line -> line.contains(path), "every difference names " + path);
  }

  @Test
  void aFlippedModeBit_isReportedInTheTreeAndTheRunningContainer() {
    String path = DockerPlants.plainFile(layer);
    DockerView planted = planted(DockerPlants.flipModeBit(path, 01000));
    assertFails(planted, "tree: ~ " + path + "  mode 0644 != 1644", "|1644|");
  }

  @Test
  void aMissingHardLink_isReportedForBothNames() {
    String[] link = DockerPlants.firstLink(layer);
    DockerView planted = planted(DockerPlants.copyInsteadOfLink(link[0]));
    assertFails(
        planted,
        "tree: ~ " + link[0] + "  hard-link group " + link[1] + " != -",
        "tree: ~ " + link[1] + "  hard-link group " + link[1] + " != -");
  }

  /** flat-tar's output with the plant in its layer, loaded; its view; the image removed. */
  private DockerView planted(UnaryOperator<byte[]> plant) {
    Path file = DockerArchiveEdit.editTopLayer(flat, work.resolve("planted.tar"), plant);
    String id = DockerFlatten.idOf(FlatArchive.read(file));
    docker.load(file).orFail();
    try {
      return DockerView.running(docker, id, "the planted image", false, work);
    } finally {
      docker.remove(id);
    }
  }

  private void assertFails(DockerView planted, String... expected) {
    Throwable e =
        catchThrowable(
            () -> DockerCheck.assertSame("planted", original.view(), planted, 0, nonEmpty()));
    assertThat(e)
        .as("DockerCheck's verdict on the planted image")
        .isInstanceOf(AssertionError.class);
    System.err.println("docker: the checker on a planted image: " + e.getMessage());
    for (String line : expected) {
      assertThat(e.getMessage()).contains(line);
    }
  }

  private static List<Boolean> nonEmpty() {
    return original.nonEmpty();
  }
}
