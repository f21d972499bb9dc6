package dev.flattar.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.interop.DockerDaemon;
import dev.flattar.model.Digest;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the example tests use, found through the system properties failsafe sets: the examples in
 * {@code src/examples}, the built jar and the sample image; and copying an example into a scratch
 * directory, as a user would check it out.
 */
final class Examples {
  private Examples() {}

  static Path testdata() {
    return Path.of(System.getProperty("flattar.testdata", "testdata")).toAbsolutePath();
  }

  /** {@code testdata/sample-docker.tar}: the 4-layer image sample/app:1.0. */
  static Path sample() {
    return testdata().resolve("sample-docker.tar");
  }

  /** {@code target/flat-tar.jar}, which must have been built ({@code mvn package}). */
  static Path jar() {
    Path jar = Path.of(System.getProperty("flattar.jar", "target/flat-tar.jar")).toAbsolutePath();
    assertThat(jar).as("flat-tar jar (run `mvn package` first)").isRegularFile();
    return jar;
  }

  /**
   * Copies {@code src/examples/<name>} to {@code to}, which must not exist yet, leaving out what
   * the example's {@code .gitignore} names (what trying the example in place leaves behind) and
   * symbolic links (Bazel's {@code bazel-*}).
   */
  static Path copy(String name, Path to) {
    Path from = testdata().getParent().resolve("src/examples").resolve(name);
    assertThat(from).as("example directory").isDirectory();
    List<PathMatcher> ignored = ignored(from.resolve(".gitignore"));
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path relative = from.relativize(p);
        if (Files.isSymbolicLink(p) || ignored.stream().anyMatch(m -> m.matches(relative))) {
          continue;
        }
        Files.copy(p, to.resolve(relative.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
    return to;
  }

  /** The anchored patterns ({@code /app.tar}, {@code /bazel-*}) of a .gitignore, as globs. */
  private static List<PathMatcher> ignored(Path gitignore) {
    try {
      return Files.readAllLines(gitignore).stream()
          .filter(line -> line.startsWith("/"))
          .map(line -> FileSystems.getDefault().getPathMatcher("glob:" + line.substring(1)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + gitignore, e);
    }
  }

  /** What flat-tar writes for {@code input} when run directly: {@code java -jar flat-tar.jar}. */
  static byte[] flattenDirectly(Path input, Path output, List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(flags);
    command.addAll(List.of("-o", output.toString(), input.toString()));
    Command.Result r = Command.run(output.getParent(), Duration.ofMinutes(1), Map.of(), command);
    assertThat(r.code()).as(r.describe()).isZero();
    return bytes(output);
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a Docker daemon can be started here for an example's {@code docker load}: in CI (where
   * .ci/run installs docker.io) its absence fails the test, elsewhere skips it with a message.
   */
  static void requireDocker(String who) {
    Prerequisites.require(
        DockerDaemon.available(),
        who + ": docker load needs dockerd, docker and root (Debian: apt-get install docker.io)");
  }

  /**
   * That {@code docker} (on a private daemon, see {@link DockerDaemon}) has the image {@code tag}
   * with the id and the one layer of {@code archive}, a one-layer flat-tar output.
   */
  static void assertLoaded(DockerDaemon docker, Path archive, String tag) {
    FlatArchive flat = FlatArchive.read(archive);
    Command.Result r =
        Command.run(
            archive.getParent(),
            Duration.ofMinutes(1),
            docker.env(),
            List.of(
                "docker", "image", "inspect", "--format", "{{.Id}} {{json .RootFS.Layers}}", tag));
    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.output().strip())
        .as("docker's image %s", tag)
        .isEqualTo(
            Digest.of(flat.configBytes)
                + " [\""
                + flat.config.path("rootfs").path("diff_ids").get(0).asText()
                + "\"]");
  }

  /** The sha256 of a file, to compare archives without dumping their bytes into a failure. */
  static String sha256(Path file) {
    return Digest.of(bytes(file)).toString();
  }
}
