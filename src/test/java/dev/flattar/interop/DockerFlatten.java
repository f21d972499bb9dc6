package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Digest;
import dev.flattar.testing.FlatArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * flat-tar between {@code docker save} and {@code docker load}, every way the tier runs it, with
 * the loaded image compared with its original by {@link DockerCheck}. Every case leaves the daemon
 * as it found it: the flattened image removed, the original under its name.
 */
final class DockerFlatten {
  /** The mission's pipe, word for word ($1 the image, $2 the jar under test). */
  static final String PIPE = "docker save \"$1\" | java -jar \"$2\" | docker load";

  private DockerFlatten() {}

  /**
   * {@code docker save IMG | java -jar flat-tar.jar | docker load}, which gives IMG to the
   * flattened image; then {@code flat-tar -o FILE} of the same save and {@code docker load -i FILE}
   * with the flattened image removed first. Both must give the same image (the id is the config's
   * digest), one layer, and everything Docker shows must be the original's.
   */
  static void pipeAndFile(Docker docker, DockerOriginal o, Path work) {
    Path file = flatten(docker, o, work.resolve("flat.tar"), List.of());
    FlatArchive flat = FlatArchive.read(file);
    String flatId = idOf(flat);
    String loaded = docker.sh(PIPE, o.ref(), docker.jar.toString()).orFail().stdout();
    try {
      assertThat(loaded)
          .as("docker load's answer to the pipe")
          .contains("Loaded image: " + o.ref());
      assertThat(docker.id(o.ref()))
          .as("%s after the pipe: the image flat-tar -o wrote", o.ref())
          .isEqualTo(flatId);
      DockerView view =
          DockerView.running(
              docker, flatId, "the piped image of " + o.label(), o.view().command() != null, work);
      DockerCheck.assertSame(o.label() + " (pipe)", o.view(), view, 0, o.nonEmpty());

      docker.remove(flatId);
      assertThat(docker.exists(flatId)).as("flattened image after docker rmi").isFalse();
      docker.load(file).orFail();
      assertThat(docker.id(o.ref())).as("%s after docker load -i FILE", o.ref()).isEqualTo(flatId);
      assertThat(docker.inspect(flatId).path("RootFS").path("Layers"))
          .as("RootFS.Layers after docker load -i FILE")
          .isEqualTo(flat.config.path("rootfs").path("diff_ids"));
    } finally {
      restore(docker, o, flatId);
    }
  }

  /**
   * {@code flat-tar ARGS -o FILE} (tags in ARGS keep the original's name free) and {@link
   * #loadFile}.
   */
  static DockerView loadVariant(
      Docker docker, DockerOriginal o, String label, List<String> args, int kept, Path work) {
    return loadFile(
        docker, o, label, flatten(docker, o, work.resolve("variant.tar"), args), kept, work);
  }

  /**
   * {@code docker load -i FILE} with no such image in the daemon before, and the loaded image,
   * which keeps the original's bottom {@code kept} layers, compared with the original (without
   * running it: the pipe's image is run, and the tree is what a container sees). Returns its view.
   */
  static DockerView loadFile(
      Docker docker, DockerOriginal o, String label, Path file, int kept, Path work) {
    String flatId = idOf(FlatArchive.read(bytes(file), kept + 1));
    assertThat(docker.exists(flatId)).as("%s: the image before docker load", label).isFalse();
    docker.load(file).orFail();
    try {
      DockerView view = DockerView.of(docker, flatId, label, work);
      DockerCheck.assertSame(label, o.view(), view, kept, o.nonEmpty());
      return view;
    } finally {
      docker.remove(flatId);
    }
  }

  /**
   * {@code docker load -i FILE}, which must fail saying {@code why} and load nothing. Returns
   * Docker's answer.
   */
  static Cmd.Result refused(Docker docker, String label, Path file, String why) {
    List<String> before = docker.images();
    Cmd.Result r = docker.load(file);
    assertThat(r.ok()).as("docker load -i of %s: %s", label, r.describe()).isFalse();
    assertThat(r.stderr()).as("docker load's error").contains(why);
    assertThat(docker.images()).as("images after the refused load").isEqualTo(before);
    System.err.println("docker: " + label + ": refused, as expected: " + r.stderr().strip());
    return r;
  }

  /** {@code java -jar flat-tar.jar -q ARGS -o OUT ORIGINAL.tar}; fails unless it wrote OUT. */
  static Path flatten(Docker docker, DockerOriginal o, Path out, List<String> args) {
    List<String> all = new ArrayList<>(List.of("-q"));
    all.addAll(args);
    all.addAll(List.of("-o", out.toString(), o.archive().toString()));
    Cmd.Result r = BuiltJar.run(docker.jar, Map.of(), all);
    if (!r.ok() || !Files.isRegularFile(out)) {
      throw new AssertionError("flat-tar did not flatten " + o.label() + ": " + r.describe());
    }
    return out;
  }

  static String idOf(FlatArchive flat) {
    return Digest.of(flat.configBytes).toString();
  }

  /** The flattened image gone, the original under its name again. */
  private static void restore(Docker docker, DockerOriginal o, String flatId) {
    if (docker.exists(flatId)) {
      docker.remove(flatId);
    }
    docker.docker("tag", o.id(), o.ref()).orFail();
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
