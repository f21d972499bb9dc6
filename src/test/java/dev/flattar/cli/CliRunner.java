package dev.flattar.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process, capturing stdout and stderr. */
public final class CliRunner {
  /** What a run produced. */
  public record Run(int code, byte[] stdout, String stderr) {
    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private CliRunner() {}

  /** Runs with stdin and stdout not terminals (as in a pipe). */
  public static Run run(byte[] stdin, String... args) {
    return run(stdin, false, args);
  }

  /** Runs with environment variables (for SOURCE_DATE_EPOCH). */
  public static Run run(byte[] stdin, java.util.Map<String, String> env, String... args) {
    return run(stdin, false, env, args);
  }

  public static Run run(byte[] stdin, boolean terminal, String... args) {
    return run(stdin, terminal, java.util.Map.of(), args);
  }

  private static Run run(
      byte[] stdin, boolean terminal, java.util.Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          new Main(new ByteArrayInputStream(stdin), out, errStream, fd -> terminal, env).run(args);
    }
    return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }
}
