package dev.flattar.hermetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a build rule needs from a tool: the launcher, traced with strace, writes nothing outside the
 * output's directory and $TMPDIR, opens no network socket and reads nothing from $HOME.
 */
class HermeticIT {
  private static final Pattern PATH =
      Pattern.compile("^\\d+\\s+(\\w+)\\((?:AT_FDCWD|\\d+), \"([^\"]*)\"(.*)$");

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"file input", "stdin input"})
  void writesOnlyTheOutputAndTmpdir(String how) throws Exception {
    requireStrace();
    Path launcher = Path.of(System.getProperty("flattar.jar")).resolveSibling("flat-tar");
    Path sample = Path.of(System.getProperty("flattar.testdata"), "sample-oci.tar");
    Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
    Path outDir = Files.createDirectories(tmp.resolve("out"));
    Path trace = tmp.resolve("trace.txt");
    String input = how.equals("file input") ? sample.toString() : "- < " + sample;
    String cmd =
        "strace -f -qq -o "
            + trace
            + " -e trace=openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,connect,bind,sendto,sendmsg "
            + launcher
            + " --compress zstd --format both -o "
            + outDir.resolve("flat.tar")
            + " "
            + input;
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true);
    pb.environment().put("TMPDIR", tmpdir.toString());
    pb.environment().put("HOME", tmp.resolve("home").toString());
    Process p = pb.start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();

    List<String> outside = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      // The JVM creates sockets at start-up only to probe for IPv6; using one is what counts.
      if (line.matches("^\\d+\\s+(connect|bind|sendto|sendmsg)\\(.*")
          && !line.contains("AF_UNIX")) {
        outside.add("network: " + line);
      }
      Matcher m = PATH.matcher(line);
      if (!m.matches() || line.contains("= -1")) {
        continue;
      }
      String call = m.group(1);
      String path = m.group(2);
      if (path.startsWith(tmp.resolve("home").toString())) {
        outside.add("reads $HOME: " + line);
      }
      boolean writes =
          !call.startsWith("open")
              || m.group(3).contains("O_WRONLY")
              || m.group(3).contains("O_RDWR")
              || m.group(3).contains("O_CREAT");
      boolean allowed =
          path.startsWith(tmpdir.toString())
              || path.startsWith(outDir.toString())
              || path.equals("/dev/null")
              || path.startsWith("/proc/self/")
              || path.startsWith("/dev/tty");
      if (writes && !allowed) {
        outside.add(line);
      }
    }
    assertThat(outside).as("writes outside the output and $TMPDIR, network, $HOME").isEmpty();
    try (var left = Files.list(tmpdir)) {
      assertThat(left.filter(f -> !f.getFileName().toString().startsWith("libzstd-jni")))
          .as("temporary files removed")
          .isEmpty();
    }
  }

  private static void requireStrace() {
    Prerequisites.requireTools("HermeticIT", List.of("strace"));
  }
}
