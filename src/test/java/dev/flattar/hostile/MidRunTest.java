package dev.flattar.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.bench.Shape;
import dev.flattar.bench.SyntheticImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What happens to a real flat-tar process while it works on a ~300 MB input: a signal stops it with
 * a non-zero status, the old file at the target survives unchanged and no temporary file is left
 * (neither beside the target nor the spool of stdin in TMPDIR); an input deleted after it was
 * opened is still read to the end; an input cut short is a clean error.
 */
class MidRunTest {
  @TempDir static Path shared;
  static Path input;

  @TempDir Path dir;
  Path tmpdir;
  Path target;

  @BeforeAll
  static void writeInput() throws IOException {
    input = shared.resolve("big.tar");
    SyntheticImage.write(Shape.parse("layers=3", "files=100", "size=1m"), input);
  }

  @BeforeEach
  void previousTarget() throws IOException {
    tmpdir = Files.createDirectory(dir.resolve("tmpdir"));
    target =
        Files.writeString(Files.createDirectory(dir.resolve("out")).resolve("out.tar"), "previous");
  }

  @ParameterizedTest(name = "SIG{0}, input from {1}")
  @CsvSource({"TERM, file, 143", "INT, file, 130", "TERM, stdin, 143", "INT, stdin, 130"})
  void signal_stopsWithoutTouchingTheTargetOrLeavingFiles(String signal, String from, int status)
      throws Exception {
    Assumptions.assumeTrue(
        PYTHON || !signal.equals("INT"), "needs python3 to start flat-tar with SIGINT not ignored");
    boolean stdin = from.equals("stdin");
    Process p =
        start(stdin ? input : null, "-o", target.toString(), stdin ? "-" : input.toString());
    // at once: the ~300 MB left to write take a fraction of a second, which a sleep here could
    // outlast (the run then completes and the signal finds it exiting)
    await(stdin ? tmpdir : target.getParent(), stdin ? "flat-tar-input-" : ".out.tar.", p);
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();

    assertThat(finish(p)).isEqualTo(status);
    assertThat(Files.readString(target)).isEqualTo("previous");
    assertThat(names(target.getParent())).containsExactly("out.tar");
    assertThat(names(tmpdir)).isEmpty();
  }

  @Test
  void inputDeletedOnceOpened_isStillReadToTheEnd() throws Exception {
    Path copy = Files.copy(input, dir.resolve("copy.tar"));
    Process p = start(null, "-o", target.toString(), copy.toString());
    await(target.getParent(), ".out.tar.", p); // created after the input was opened
    Files.delete(copy);

    assertThat(finish(p)).as(stderr()).isZero();
    assertThat(Files.size(target)).isGreaterThan(300L << 20);
    assertThat(names(target.getParent())).containsExactly("out.tar");
  }

  @Test
  void inputCutShortWhileRead_isACleanError() throws Exception {
    Path copy = Files.copy(input, dir.resolve("copy.tar"));
    Process p = start(null, "-o", target.toString(), copy.toString());
    await(target.getParent(), ".out.tar.", p);
    try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }

    assertThat(finish(p)).isEqualTo(1);
    assertThat(stderr())
        .matches(
            "flat-tar: (.*archive ends inside .*|I/O error: .*the input changed .*"
                + "|.*is not in the archive.*)\n");
    assertThat(Files.readString(target)).isEqualTo("previous");
    assertThat(names(target.getParent())).containsExactly("out.tar");
  }

  /** Starts flat-tar with SIGINT at its default disposition (a shell may start us ignoring it). */
  private Process start(Path stdin, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (PYTHON) {
      cmd.addAll(List.of("python3", "-c", RESET_SIGINT));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.flattar.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TMPDIR", tmpdir.toString());
    pb.redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
    Process p = pb.start();
    if (stdin != null) {
      // Through a pipe: a file on stdin would be read in place, with no spool to watch.
      Thread feeder =
          new Thread(
              () -> {
                try (OutputStream to = p.getOutputStream()) {
                  Files.copy(stdin, to);
                } catch (IOException e) {
                  // flat-tar stopped reading: it was killed, which is the point
                }
              });
      feeder.setDaemon(true);
      feeder.start();
    } else {
      p.getOutputStream().close();
    }
    return p;
  }

  private static final boolean PYTHON = canRun("python3", "-c", "");

  private static boolean canRun(String... command) {
    try {
      return new ProcessBuilder(command).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static final String RESET_SIGINT =
      "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
          + " os.execv(sys.argv[1], sys.argv[1:])";

  /** Waits until a file whose name starts with {@code prefix} appears in {@code where}. */
  private static void await(Path where, String prefix, Process p) throws Exception {
    for (int i = 0; i < 2000; i++) {
      if (names(where).stream().anyMatch(n -> n.startsWith(prefix))) {
        return;
      }
      assertThat(p.isAlive()).as("flat-tar still running").isTrue();
      Thread.sleep(10);
    }
    throw new AssertionError("no " + prefix + "* appeared in " + where);
  }

  private static int finish(Process p) throws InterruptedException {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("flat-tar did not stop");
    }
    return p.exitValue();
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
  }

  private static List<String> names(Path where) throws IOException {
    try (Stream<Path> files = Files.list(where)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
