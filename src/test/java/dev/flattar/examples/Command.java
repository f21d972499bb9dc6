package dev.flattar.examples;

import dev.flattar.testing.Processes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One external command run to completion in a directory, with a time limit. Its stdout and stderr
 * go, interleaved as written, to a file (so a chatty tool never blocks on a pipe) and come back as
 * one text for assertion messages.
 */
final class Command {
  /** What a finished command printed and how it exited. */
  record Result(List<String> command, int code, String output) {
    /** "`make -q` exited 1:" and the output, for assertion messages. */
    String describe() {
      String text =
          output.length() > 4000 ? "..." + output.substring(output.length() - 4000) : output;
      return "`" + String.join(" ", command) + "` exited " + code + ":\n" + text.strip();
    }
  }

  private Command() {}

  /**
   * Make's variables for a sub-make: a test run from inside another make (a CI wrapper) must not
   * pass that make's flags or jobserver on to the make under test.
   */
  private static final List<String> OUTER_MAKE = List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL");

  /** Runs {@code command} in {@code dir} with this process's environment plus {@code env}. */
  static Result run(Path dir, Duration limit, Map<String, String> env, List<String> command) {
    Path log = null;
    try {
      log = Files.createTempFile("flattar-example", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().keySet().removeAll(OUTER_MAKE);
      pb.environment().putAll(env);
      Process p = pb.start();
      Processes.awaitOrKill(p, limit, command);
      return new Result(
          List.copyOf(command),
          p.exitValue(),
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    } finally {
      if (log != null) {
        log.toFile().delete();
      }
    }
  }
}
