package dev.flattar.interop;

import dev.flattar.testing.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A private Docker Engine: {@code dockerd} with its data root, exec root, pid file, socket and
 * client configuration under one short temporary directory, so the machine's default socket and
 * {@code /var/lib/docker} are never touched. {@link #close} stops it by its pid file, unmounts
 * whatever it left mounted under the directory and removes the directory.
 *
 * <p>Public, with {@link #start}, {@link #env} and {@link #close}, for the example tests, which
 * load their results into a daemon of their own.
 */
public final class DockerDaemon implements AutoCloseable {
  /** What the daemon and the tier need: the engine, a client, and (for the tier) GNU tar. */
  static final List<String> TOOLS = List.of("dockerd", "docker", "tar", "kill", "umount", "rm");

  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

  private final Path dir;
  private final Map<String, String> env;
  private final Process daemon;

  private DockerDaemon(Path dir, Map<String, String> env, Process daemon) {
    this.dir = dir;
    this.env = env;
    this.daemon = daemon;
  }

  /** Whether this machine can run the daemon: root and every tool of {@link #TOOLS}. */
  public static boolean available() {
    return Prerequisites.isRoot() && TOOLS.stream().allMatch(Prerequisites::onPath);
  }

  /** Fails (with {@code CI=true}) or skips the calling test class unless {@link #available}. */
  static void require(String who) {
    List<String> missing = new ArrayList<>();
    TOOLS.stream().filter(t -> !Prerequisites.onPath(t)).forEach(missing::add);
    if (!Prerequisites.isRoot()) {
      missing.add("root");
    }
    Prerequisites.require(
        missing.isEmpty(),
        who
            + ": the Docker tier needs "
            + String.join(", ", missing)
            + " (Debian: apt-get install docker.io busybox-static)");
  }

  /**
   * Starts {@code dockerd} under a new directory in /tmp (short, as the socket path must stay under
   * 108 bytes) and waits until {@code docker version} answers on its socket.
   */
  public static DockerDaemon start() {
    Path dir;
    try {
      dir = Files.createTempDirectory(Path.of("/tmp"), "flattar-dk-");
      Files.createDirectories(dir.resolve("client"));
      // An empty daemon configuration instead of /etc/docker/daemon.json, whatever the host has.
      Files.writeString(dir.resolve("daemon.json"), "{}\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for dockerd", e);
    }
    Map<String, String> env =
        Map.of(
            "DOCKER_HOST",
            "unix://" + dir.resolve("docker.sock"),
            "DOCKER_CONFIG",
            dir.resolve("client").toString(),
            "DOCKER_BUILDKIT",
            "0",
            "PATH",
            binDir(dir.resolve("bin")) + ":" + System.getenv().getOrDefault("PATH", ""));
    List<String> command =
        List.of(
            "dockerd",
            "--config-file=" + dir.resolve("daemon.json"),
            "--data-root=" + dir.resolve("data"),
            "--exec-root=" + dir.resolve("exec"),
            "--pidfile=" + dir.resolve("pid"),
            "--host=unix://" + dir.resolve("docker.sock"),
            "--iptables=false",
            "--ip6tables=false",
            "--bridge=none",
            "--storage-driver=overlay2",
            "--experimental");
    ProcessBuilder dockerd = new ProcessBuilder(command).redirectErrorStream(true);
    dockerd.redirectOutput(dir.resolve("dockerd.log").toFile());
    try {
      DockerDaemon started = new DockerDaemon(dir, env, dockerd.start());
      started.awaitReady();
      return started;
    } catch (IOException e) {
      Cmd.removeTree(dir);
      throw new UncheckedIOException("cannot start dockerd in " + dir, e);
    }
  }

  /**
   * The environment for the {@code docker} client: this daemon's socket, a private client
   * configuration, the classic builder, and a PATH whose first entry holds {@code docker} (the
   * engine's own client, as binDir says) and {@code java} (the JVM running the tests).
   */
  public Map<String, String> env() {
    return env;
  }

  /** The daemon's directory (data root, exec root, socket and the like live in it). */
  Path dir() {
    return dir;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    Cmd.Result last = null;
    while (daemon.isAlive() && System.nanoTime() < deadline) {
      if (Files.exists(dir.resolve("docker.sock"))) {
        last = Cmd.run(List.of("docker", "version"), env, Duration.ofSeconds(20));
        if (last.ok()) {
          return;
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    String why =
        daemon.isAlive()
            ? "did not answer within " + START_LIMIT.toSeconds() + " s"
            : "exited with " + daemon.exitValue();
    String answer = last == null ? "no socket" : last.describe();
    String log = lastLines(dir.resolve("dockerd.log"), 30);
    close();
    throw new AssertionError("dockerd " + why + ": " + answer + "\n" + log);
  }

  /**
   * SIGTERM to the pid in the pid file (dockerd stops its containerd and containers), SIGKILL if it
   * is still there after {@link #STOP_LIMIT}; then unmounts what is left under the directory
   * (deepest first) and removes it.
   */
  @Override
  public void close() {
    try {
      stopByPidFile();
    } finally {
      try {
        DockerMounts.unmountUnder(dir);
      } finally {
        Cmd.removeTree(dir);
      }
    }
  }

  private void stopByPidFile() {
    Path pidFile = dir.resolve("pid");
    long pid = daemon.pid();
    try {
      if (Files.isRegularFile(pidFile)) {
        pid = Long.parseLong(Files.readString(pidFile).strip());
      }
    } catch (IOException | NumberFormatException e) {
      System.err.println("DockerDaemon: unreadable " + pidFile + " (" + e + "), using " + pid);
    }
    ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
    if (handle == null) {
      return;
    }
    Cmd.run(List.of("kill", "-TERM", Long.toString(pid)));
    if (!exited(handle, STOP_LIMIT)) {
      System.err.println("DockerDaemon: dockerd " + pid + " ignored SIGTERM; sending SIGKILL");
      Cmd.run(List.of("kill", "-KILL", Long.toString(pid)));
      exited(handle, Duration.ofSeconds(10));
    }
  }

  private static boolean exited(ProcessHandle handle, Duration limit) {
    try {
      handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new AssertionError("waiting for dockerd to exit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for dockerd to exit", e);
    }
  }

  /**
   * A directory with {@code docker} and {@code java} in it, to put first on the PATH: {@code
   * docker} is the engine's own client ({@code /usr/bin/docker} from Debian's docker.io, the same
   * version as the daemon) where it exists, else the first {@code docker} on the PATH (this machine
   * kind also has a newer client in /usr/local/bin, which negotiates the API down); {@code java} is
   * the JVM running the tests. Commands can then be written as a user types them.
   */
  private static Path binDir(Path bin) {
    Path engineClient = Path.of("/usr/bin/docker");
    try {
      Files.createDirectories(bin);
      Path client = Files.isExecutable(engineClient) ? engineClient : which("docker");
      if (client == null) {
        throw new AssertionError("no docker client on the PATH");
      }
      Files.createSymbolicLink(bin.resolve("docker"), client);
      Files.createSymbolicLink(
          bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + bin, e);
    }
  }

  /** The first {@code tool} on the PATH, or null. */
  static Path which(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, tool);
      if (Files.isExecutable(p)) {
        return p.toAbsolutePath();
      }
    }
    return null;
  }

  /** The last {@code n} lines of a log, for a failure message. */
  private static String lastLines(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
