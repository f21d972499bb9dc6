package dev.flattar.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The images the Docker tier makes the way users make them: the Dockerfiles of {@code
 * src/test/docker} ({@code base} first, which the others start {@code FROM}), built with the
 * classic builder and no network, each with a context of its Dockerfile and the static busybox; the
 * same with {@code --squash}; an image made by {@code docker import} and one by {@code docker
 * commit}.
 */
final class DockerBuilds {
  /** The base image's name, as the Dockerfiles spell it in FROM. */
  static final String BASE = "flattar-it/base:latest";

  /** How many layers the base has: what the daemon's squash of a FROM-base build keeps. */
  static final int BASE_LAYERS = 3;

  private DockerBuilds() {}

  static Path dockerfiles() {
    return Path.of(System.getProperty("flattar.dockerfiles", "src/test/docker"));
  }

  /** Every case directory but base, sorted. */
  static List<String> cases() {
    try (Stream<Path> dirs = Files.list(dockerfiles())) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile")))
          .map(d -> d.getFileName().toString())
          .filter(name -> !name.equals("base"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dockerfiles(), e);
    }
  }

  static String ref(String name) {
    return "flattar-it/" + name + ":latest";
  }

  static String squashRef(String name) {
    return "flattar-it/" + name + "-squash:latest";
  }

  /** Whether a case's Dockerfile starts FROM the base (else FROM scratch). */
  static boolean fromBase(String name) {
    try {
      return Files.readString(dockerfiles().resolve(name).resolve("Dockerfile"))
          .lines()
          .anyMatch(line -> line.equals("FROM " + BASE.replace(":latest", "")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Builds everything: base, each case plain and with {@code --squash} (which reuses the plain
   * build's cache), the imported and the committed image. The FROM-scratch cases build on a second
   * thread beside the FROM-base ones: a build spends most of its time starting and committing
   * containers, not on the CPU.
   */
  static void buildAll(Docker docker, Path work) {
    List<String> scratch = cases().stream().filter(n -> !fromBase(n)).toList();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> fromScratch = pool.submit(() -> scratch.forEach(n -> buildBoth(docker, n, work)));
      build(docker, "base", BASE, false, work);
      cases().stream().filter(DockerBuilds::fromBase).forEach(n -> buildBoth(docker, n, work));
      importExport(docker, ref("typechange"), ref("imported"), work);
      commit(docker, ref("hardlinks"), ref("committed"));
      fromScratch.get();
    } catch (ExecutionException e) {
      throw new AssertionError("building " + scratch + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while building", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The plain build, then the squash build, which must take every step from the plain build's cache
   * (same history times), so that both are the same build and only the squash differs.
   */
  private static void buildBoth(Docker docker, String name, Path work) {
    build(docker, name, ref(name), false, work);
    build(docker, name, squashRef(name), true, work);
    List<String> plain = createdAt(docker, ref(name));
    List<String> squashed = createdAt(docker, squashRef(name));
    if (!squashed.subList(1, squashed.size()).equals(plain)) {
      throw new AssertionError(
          name
              + ": the --squash build did not reuse the plain build's steps: "
              + squashed
              + " vs "
              + plain);
    }
  }

  private static List<String> createdAt(Docker docker, String ref) {
    return docker.history(ref).stream().map(h -> h.path("CreatedAt").asText()).toList();
  }

  /**
   * {@code DOCKER_BUILDKIT=0 docker build --network none [--squash] -t TAG CONTEXT} of {@code
   * src/test/docker/NAME}; returns the image id.
   */
  static String build(Docker docker, String name, String tag, boolean squash, Path work) {
    Path context = work.resolve("context-" + name + (squash ? "-squash" : ""));
    try {
      Files.createDirectories(context);
      Files.copy(dockerfiles().resolve(name).resolve("Dockerfile"), context.resolve("Dockerfile"));
      Files.copy(docker.busybox, context.resolve("busybox"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the build context " + context, e);
    }
    List<String> args = new ArrayList<>(List.of("build", "--quiet", "--network", "none"));
    if (squash) {
      args.add("--squash");
    }
    args.addAll(List.of("-t", tag, context.toString()));
    try {
      docker.docker(args.toArray(String[]::new)).orFail();
      return docker.id(tag);
    } finally {
      Cmd.removeTree(context);
    }
  }

  /**
   * {@code docker import} of the {@code docker export} of a container of {@code from}: the old way
   * to squash an image by hand, with the config given again by {@code --change}.
   */
  static void importExport(Docker docker, String from, String tag, Path work) {
    Path tar = docker.export(from, work.resolve("for-import.tar"));
    try {
      docker
          .docker(
              "import",
              "--change",
              "ENV PATH=/bin IMPORTED=yes",
              "--change",
              "CMD [\"sh\", \"-c\", \"find /t | sort; cat /var/cache /t/dir2file/back\"]",
              tar.toString(),
              tag)
          .orFail();
    } finally {
      Cmd.removeTree(tar);
    }
  }

  /**
   * {@code docker commit} of a container of {@code from} that deleted, rewrote and linked files:
   * one more layer on the image, and config changes.
   */
  static void commit(Docker docker, String from, String tag) {
    String name = "flattar-commit";
    docker
        .docker(
            "run",
            "--name",
            name,
            "--network",
            "none",
            from,
            "sh",
            "-c",
            "rm /h/second && echo changed > /h/third && ln /h/g2b /h/g2b-again"
                + " && mkdir -p /var/log/app && echo log > /var/log/app/log"
                + " && rm -rf /usr/share/doc && chmod 0700 /home/app")
        .orFail();
    try {
      docker
          .docker(
              "commit",
              "--change",
              "ENV COMMITTED=yes",
              "--change",
              "LABEL org.example.committed=yes",
              "--change",
              "CMD [\"sh\", \"-c\", \"cd /h && stat -c '%n %s %a' * && cat third g2b-again\"]",
              name,
              tag)
          .orFail();
    } finally {
      docker.docker("rm", "--volumes", name).orFail();
    }
  }
}
