package dev.flattar.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engines one test class drives, each private to it: a podman store and a containerd daemon
 * under one temporary directory, which {@link #close} stops and removes; and the copy of the
 * flat-tar jar under test.
 */
final class Engines implements AutoCloseable {
  final Path dir;
  final Path jar;
  final Podman podman;
  final Containerd containerd;

  private Engines(Path dir, Path jar, Podman podman, Containerd containerd) {
    this.dir = dir;
    this.jar = jar;
    this.podman = podman;
    this.containerd = containerd;
  }

  /** Checks the tools (fail in CI, skip elsewhere), then starts the engines. */
  static Engines start(String who) {
    Tools.require(who, Tools.ENGINES);
    TreeWalk.walker();
    Path dir;
    Path jar;
    try {
      // Short and under /tmp: containerd's socket path must stay under 108 bytes.
      dir = Files.createTempDirectory(Path.of("/tmp"), "flattar-it-");
      // A copy: a `mvn package` running beside the tier must not swap the jar mid-run.
      jar = Files.copy(BuiltJar.jar(), dir.resolve("flat-tar.jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Podman podman = Podman.privateStore(dir.resolve("podman"));
    try {
      return new Engines(dir, jar, podman, Containerd.start(dir.resolve("containerd")));
    } catch (RuntimeException | AssertionError e) {
      podman.close();
      Cmd.removeTree(dir);
      throw e;
    }
  }

  /** A fresh, empty work directory for one case. */
  Path workDir(String label) {
    try {
      return Files.createTempDirectory(dir, label.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      containerd.close();
    } finally {
      try {
        podman.close();
      } finally {
        Cmd.removeTree(dir);
      }
    }
  }
}
