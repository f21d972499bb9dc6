package dev.flattar.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private containerd daemon (root, state and sockets under a temporary directory; the system's
 * containerd is never touched) and the {@code ctr} calls that load and mount an image the way
 * Docker 29's containerd image store does: import of a docker-save archive, unpack with the
 * overlayfs snapshotter (which checks every layer against its diff_id), a read-only view snapshot.
 */
final class Containerd implements AutoCloseable {
  private final Path dir;
  private final Path socket;
  private final Process daemon;

  private Containerd(Path dir, Path socket, Process daemon) {
    this.dir = dir;
    this.socket = socket;
    this.daemon = daemon;
  }

  /** Starts {@code containerd --config} on a fresh directory and waits for its socket. */
  static Containerd start(Path dir) {
    try {
      Files.createDirectories(dir);
      Path socket = dir.resolve("containerd.sock");
      Path config = dir.resolve("config.toml");
      // The CRI plugin is not needed and would start a streaming server; the "opt" plugin would
      // otherwise create /opt/containerd.
      Files.writeString(
          config,
          "version = 2\n"
              + ("root = \"" + dir.resolve("root") + "\"\n")
              + ("state = \"" + dir.resolve("state") + "\"\n")
              + "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n"
              + "[grpc]\n"
              + ("  address = \"" + socket + "\"\n")
              + "[ttrpc]\n"
              + ("  address = \"" + socket + ".ttrpc\"\n")
              + "[plugins.\"io.containerd.internal.v1.opt\"]\n"
              + ("  path = \"" + dir.resolve("opt") + "\"\n"));
      Process p =
          new ProcessBuilder("containerd", "--config", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("containerd.log").toFile())
              .start();
      Containerd c = new Containerd(dir, socket, p);
      c.awaitReady();
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start containerd in " + dir, e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Cmd.Result last = null;
    while (System.nanoTime() < deadline) {
      if (!daemon.isAlive()) {
        throw new AssertionError(
            "containerd exited with " + daemon.exitValue() + " during start-up: " + log());
      }
      if (Files.exists(socket)) {
        last = ctr("version");
        if (last.ok()) {
          return;
        }
      }
      sleep(200);
    }
    close();
    throw new AssertionError(
        "containerd did not answer on "
            + socket
            + " within 60 s: "
            + (last == null ? "no socket" : last.describe())
            + "\n"
            + log());
  }

  /**
   * {@code ctr images import} of a docker-save archive, unpacked with overlayfs for {@code
   * platform} (null: containerd's default platform matcher); the result says whether it worked.
   * {@code indexName} null: no {@code --index-name}, so the images get only the names the archive
   * gives them (RepoTags, or {@code io.containerd.image.name} in an OCI index).
   */
  Cmd.Result importArchive(Path archive, String indexName, String platform) {
    List<String> args = new ArrayList<>(List.of("images", "import", "--snapshotter", "overlayfs"));
    if (platform != null) {
      args.addAll(List.of("--platform", platform));
    }
    if (indexName != null) {
      args.addAll(List.of("--index-name", indexName));
    }
    args.add(archive.toString());
    return ctr(args.toArray(String[]::new));
  }

  /** The names of every image, sorted ({@code ctr images ls --quiet}). */
  List<String> imageNames() {
    return ctr("images", "ls", "--quiet").orFail().stdout().lines().sorted().toList();
  }

  /** {@code ctr images mount}: a read-only view of the unpacked image at {@code target}. */
  void mount(String name, String platform, Path target) {
    List<String> args = new ArrayList<>(List.of("images", "mount"));
    if (platform != null) {
      args.addAll(List.of("--platform", platform));
    }
    args.addAll(List.of(name, target.toString()));
    ctr(args.toArray(String[]::new)).orFail();
  }

  /** {@code ctr images unmount --rm}: unmounts and removes the view snapshot. */
  void unmount(Path target) {
    ctr("images", "unmount", "--rm", target.toString()).orFail();
  }

  /** Removes every image (the daemon is private, so all of them are this test's). */
  void removeImages() {
    for (String name : ctr("images", "ls", "--quiet").orFail().stdout().lines().toList()) {
      ctr("images", "rm", name).orFail();
    }
  }

  /** The platform as containerd spells it ({@code linux/arm/v7}), or null if unstated. */
  static String platformOf(com.fasterxml.jackson.databind.JsonNode config) {
    String os = config.path("os").asText("");
    String arch = config.path("architecture").asText("");
    if (os.isEmpty() || arch.isEmpty()) {
      return null;
    }
    String variant = config.path("variant").asText("");
    return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
  }

  Cmd.Result ctr(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ctr", "--address", socket.toString()));
    cmd.addAll(List.of(args));
    return Cmd.run(cmd, Map.of(), Cmd.DEFAULT_LIMIT);
  }

  /** SIGTERM, then removal of its directory. */
  @Override
  public void close() {
    daemon.destroy(); // SIGTERM
    try {
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Cmd.removeTree(dir);
  }

  private String log() {
    try {
      String text = Files.readString(dir.resolve("containerd.log"));
      return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for containerd", e);
    }
  }
}
