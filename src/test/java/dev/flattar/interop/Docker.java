package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Docker tier's engine for one test class: a {@link DockerDaemon} of its own, the copy of the
 * flat-tar jar under test, the static busybox, a work directory, and the {@code docker} commands
 * the tier runs.
 */
final class Docker implements AutoCloseable {
  static final Duration LIMIT = Duration.ofMinutes(5);

  final DockerDaemon daemon;
  final Path jar;
  final Path busybox;

  /** When the class started (seconds): anything Docker made since is newer (see DockerExport). */
  final long since;

  private final Path work;

  private Docker(DockerDaemon daemon, Path jar, Path busybox, long since, Path work) {
    this.daemon = daemon;
    this.jar = jar;
    this.busybox = busybox;
    this.since = since;
    this.work = work;
  }

  /** Checks the prerequisites (fail in CI, skip elsewhere), then starts the daemon. */
  static Docker start(String who) {
    long since = System.currentTimeMillis() / 1000;
    DockerDaemon.require(who);
    Path busybox = DockerBusybox.require(who);
    TreeWalk.walker();
    DockerDaemon daemon = DockerDaemon.start();
    try {
      Path work = Files.createDirectories(daemon.dir().resolve("work"));
      // A copy: a `mvn package` running beside the tier must not swap the jar mid-run.
      Path jar = Files.copy(BuiltJar.jar(), work.resolve("flat-tar.jar"));
      return new Docker(daemon, jar, busybox, since, work);
    } catch (IOException | RuntimeException e) {
      daemon.close();
      throw new AssertionError("cannot set up the Docker tier", e);
    }
  }

  /** A fresh, empty directory for one case. */
  Path workDir(String label) {
    try {
      return Files.createTempDirectory(work, label.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code docker ARGS...}; the result says whether it worked. */
  Cmd.Result docker(String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    return Cmd.run(cmd, daemon.env(), LIMIT);
  }

  /** {@code sh -c SCRIPT sh ARGS...} with the docker environment (ARGS are $1, $2, ...). */
  Cmd.Result sh(String script, String... args) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    cmd.addAll(List.of(args));
    return Cmd.run(cmd, daemon.env(), LIMIT);
  }

  /** The full id ({@code sha256:...}) of an image. */
  String id(String ref) {
    return docker("image", "inspect", "--format", "{{.Id}}", ref).orFail().stdout().strip();
  }

  boolean exists(String ref) {
    return docker("image", "inspect", "--format", "{{.Id}}", ref).ok();
  }

  /** Ids of every image in the daemon, sorted. */
  List<String> images() {
    return docker("images", "--all", "--quiet", "--no-trunc")
        .orFail()
        .stdout()
        .lines()
        .sorted()
        .toList();
  }

  /** The name {@code docker load -i ARCHIVE} prints for what it loaded (the last, if several). */
  String loadOne(Path archive) {
    String out = load(archive).orFail().stdout();
    String name = null;
    for (String line : out.lines().toList()) {
      if (line.startsWith("Loaded image: ")) {
        name = line.substring("Loaded image: ".length()).strip();
      } else if (line.startsWith("Loaded image ID: ")) {
        name = line.substring("Loaded image ID: ".length()).strip();
      }
    }
    if (name == null) {
      throw new AssertionError("docker load -i " + archive + " named no image: " + out);
    }
    return name;
  }

  /** Removes every image (the daemon is private, so all of them are this class's). */
  void removeAllImages() {
    List<String> ids = images().stream().distinct().toList();
    if (!ids.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("rmi", "--force"));
      args.addAll(ids);
      docker(args.toArray(String[]::new));
    }
  }

  /** The object {@code docker image inspect} prints for one image. */
  JsonNode inspect(String ref) {
    return json(docker("image", "inspect", ref).orFail().stdout()).get(0);
  }

  /** {@code docker history}, newest first, one object per entry with sizes in bytes. */
  List<JsonNode> history(String ref) {
    String out =
        docker("history", "--no-trunc", "--human=false", "--format", "{{json .}}", ref)
            .orFail()
            .stdout();
    return out.lines().map(Docker::json).toList();
  }

  /** {@code docker save -o OUT REF}. */
  Path save(String ref, Path out) {
    docker("save", "-o", out.toString(), ref).orFail();
    return out;
  }

  /** {@code docker load -i ARCHIVE}; the result says whether Docker accepted it. */
  Cmd.Result load(Path archive) {
    return docker("load", "-i", archive.toString());
  }

  /** {@code docker rmi -f} of images that must be there. */
  void remove(String... refs) {
    List<String> args = new ArrayList<>(List.of("rmi", "--force"));
    args.addAll(List.of(refs));
    docker(args.toArray(String[]::new)).orFail();
  }

  /**
   * {@code docker create} + {@code docker export} of a container of {@code image} (never started),
   * into {@code out}; the container is removed.
   */
  Path export(String image, Path out) {
    String container =
        docker("create", "--network", "none", image, "/flattar-never-run")
            .orFail()
            .stdout()
            .strip();
    try {
      docker("export", "-o", out.toString(), container).orFail();
    } finally {
      docker("rm", "--volumes", container).orFail();
    }
    return out;
  }

  /** Stops the daemon and removes everything under its directory. */
  @Override
  public void close() {
    daemon.close();
  }

  static JsonNode json(String text) {
    try {
      return TestJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("docker printed no JSON: " + text, e);
    }
  }
}
