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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
   * {@code testdata/multiarch/two.layout}: the image two (linux/amd64, linux/arm64/v8) tagged 1.0.
   */
  static Path layout() {
    return testdata().resolve("multiarch/two.layout");
  }

  /**
   * Copies {@code src/examples/<name>} to {@code to}, which must not exist yet, leaving out what
   * the example's {@code .gitignore} names (what trying the example in place leaves behind, with
   * all below it) and symbolic links (Bazel's {@code bazel-*}).
   */
  static Path copy(String name, Path to) {
    Path from = testdata().getParent().resolve("src/examples").resolve(name);
    assertThat(from).as("example directory").isDirectory();
    List<PathMatcher> ignored = ignored(from.resolve(".gitignore"));
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path relative = from.relativize(p);
        if (Files.isSymbolicLink(p) || isIgnored(relative, ignored)) {
          continue;
        }
        Files.copy(p, to.resolve(relative.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
    return to;
  }

  /** Whether {@code relative} or a directory above it is ignored. */
  private static boolean isIgnored(Path relative, List<PathMatcher> ignored) {
    for (Path p = relative; p != null; p = p.getParent()) {
      Path candidate = p;
      if (ignored.stream().anyMatch(m -> m.matches(candidate))) {
        return true;
      }
    }
    return false;
  }

  /** Copies the directory {@code from} with everything below it to {@code to} (not yet there). */
  static Path copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
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
    runFlatTar(input, output.toString(), output.getParent(), flags);
    return bytes(output);
  }

  /**
   * The layout directory flat-tar writes for {@code input} when run directly: {@code java -jar
   * flat-tar.jar ... -o DIR/}; its files by path, as {@link #files} reads them.
   */
  static Map<String, byte[]> flattenToDirectory(Path input, Path dir, List<String> flags) {
    runFlatTar(input, dir + "/", dir.getParent(), flags);
    return files(dir);
  }

  private static void runFlatTar(Path input, String output, Path workDir, List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(flags);
    command.addAll(List.of("-o", output, input.toString()));
    Command.Result r = Command.run(workDir, Duration.ofMinutes(1), Map.of(), command);
    assertThat(r.code()).as(r.describe()).isZero();
  }

  /**
   * Every file below {@code dir} by its relative path ({@code blobs/sha256/ab12...}), sorted; each
   * must be a regular file, not a link (a layout as Bazel stores an output directory).
   */
  static Map<String, byte[]> files(Path dir) {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .as("%s is a regular file", p)
            .isTrue();
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return files;
  }

  /** Every path below {@code dir} (directories too), relative to it, sorted. */
  static List<String> paths(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir))
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  /**
   * The paths of a testdata/multiarch {@code .expected.tsv} (its first column), sorted: the tree
   * overlayfs showed for one platform of the original image.
   */
  static List<String> expectedPaths(String tsv) {
    try {
      return Files.readAllLines(layout().resolveSibling(tsv)).stream()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .map(line -> line.split("\t", 2)[0])
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sha256 of each file of {@code files}, to compare directories without dumping bytes. */
  static Map<String, String> sha256s(Map<String, byte[]> files) {
    Map<String, String> digests = new TreeMap<>();
    files.forEach((name, bytes) -> digests.put(name, Digest.of(bytes).toString()));
    return digests;
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
