package dev.flattar.interop;

import dev.flattar.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One external command run to completion, with its output captured in files (so a chatty tool can
 * never block on a full pipe) and a time limit; failures name the command and quote stderr.
 */
final class Cmd {
  static final Duration DEFAULT_LIMIT = Duration.ofMinutes(5);

  /** What a finished command produced. */
  record Result(List<String> command, int code, String stdout, String stderr) {
    boolean ok() {
      return code == 0;
    }

    /** The result itself if the command succeeded, else an error quoting its stderr. */
    Result orFail() {
      if (!ok()) {
        throw new AssertionError(describe());
      }
      return this;
    }

    /** "`cmd args` exited N: stderr" with stderr (or stdout) cut to its last 2,000 characters. */
    String describe() {
      String why = stderr.isBlank() ? stdout : stderr;
      if (why.length() > 2000) {
        why = "..." + why.substring(why.length() - 2000);
      }
      return "`" + String.join(" ", command) + "` exited " + code + ": " + why.strip();
    }
  }

  private Cmd() {}

  static Result run(List<String> command) {
    return run(command, Map.of(), DEFAULT_LIMIT);
  }

  static Result run(List<String> command, Map<String, String> env, Duration limit) {
    return run(command, env, limit, null);
  }

  /** Runs {@code command} in {@code workDir} (null: this process's directory). */
  static Result run(
      List<String> command, Map<String, String> env, Duration limit, java.io.File workDir) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("flattar-it-out", ".txt");
      err = Files.createTempFile("flattar-it-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
      pb.redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
      pb.environment().putAll(env);
      pb.directory(workDir);
      Process p = pb.start();
      Processes.awaitOrKill(p, limit, command);
      return new Result(List.copyOf(command), p.exitValue(), text(out), text(err));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Runs {@code command} and fails with its stderr unless it exits 0. */
  static Result ok(String... command) {
    return run(List.of(command)).orFail();
  }

  /** Removes a tree that may hold names Java cannot map, read-only dirs or device nodes. */
  static void removeTree(Path dir) {
    if (dir != null && Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      ok("rm", "-rf", "--one-file-system", dir.toString());
    }
  }

  /** Output as UTF-8; bytes that are not (a non-UTF-8 file name) become U+FFFD, not an error. */
  private static String text(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private static java.io.File devNull() {
    return new java.io.File("/dev/null");
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a leftover temp file is harmless; the command's result is what matters
      }
    }
  }
}
