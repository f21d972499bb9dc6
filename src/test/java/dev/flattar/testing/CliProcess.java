package dev.flattar.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * flat-tar run as a real process (for signals, full disks, real stdout), from the test classpath.
 */
public final class CliProcess {
  /** What a process run produced. */
  public record Result(int code, String stdout, String stderr) {}

  private CliProcess() {}

  /** The command that starts flat-tar's main class with this JVM and classpath. */
  public static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.flattar.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Runs {@code shell} with {@code sh -c}; {@code $FLAT_TAR} names a script that runs flat-tar with
   * this JVM and classpath.
   */
  public static Result shell(String shell, Map<String, String> env)
      throws IOException, InterruptedException {
    Path script = java.nio.file.Files.createTempFile("flat-tar", ".sh");
    StringBuilder text = new StringBuilder("#!/bin/sh\nexec");
    for (String part : command()) {
      text.append(" '").append(part.replace("'", "'\\''")).append('\'');
    }
    text.append(" \"$@\"\n");
    java.nio.file.Files.writeString(script, text);
    script.toFile().setExecutable(true);
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", shell);
    pb.environment().put("FLAT_TAR", script.toString());
    pb.environment().putAll(env);
    File out = File.createTempFile("flat-tar-stdout", ".txt");
    File err = File.createTempFile("flat-tar-stderr", ".txt");
    try {
      pb.redirectOutput(out).redirectError(err);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + shell);
      }
      return new Result(
          p.exitValue(),
          java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
          java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      out.delete();
      err.delete();
      java.nio.file.Files.deleteIfExists(script);
    }
  }
}
