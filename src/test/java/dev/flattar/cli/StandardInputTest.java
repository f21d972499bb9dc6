package dev.flattar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard input that is a file ({@code flat-tar < image.tar}) is read in place, like a named file;
 * a pipe is spooled. Either way the output is the same bytes as from the named file.
 */
class StandardInputTest {
  private static final Path SAMPLE = Path.of("testdata/sample-docker.tar");

  @TempDir Path dir;
  private Map<String, String> env;
  private byte[] fromFile;

  @BeforeEach
  void flattenTheSampleAsAFile() throws Exception {
    env = Map.of("TMPDIR", dir.toString());
    CliProcess.Result named =
        CliProcess.shell("$FLAT_TAR -q -o " + dir.resolve("named.tar") + " " + SAMPLE, env);
    assertThat(named.stderr()).isEmpty();
    assertThat(named.code()).as(named.stderr()).isZero();
    fromFile = Files.readAllBytes(dir.resolve("named.tar"));
  }

  @Test
  void aRedirectedFile_isReadInPlace() throws Exception {
    CliProcess.Result run = CliProcess.shell("$FLAT_TAR -v -o " + out() + " < " + SAMPLE, env);

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .contains("stdin is a file: reading it in place")
        .doesNotContain("spool");
    assertThat(Files.readAllBytes(out())).isEqualTo(fromFile);
  }

  @Test
  void aPipe_isSpooled() throws Exception {
    CliProcess.Result run = CliProcess.shell("cat " + SAMPLE + " | $FLAT_TAR -v -o " + out(), env);

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("spooling stdin to " + dir).doesNotContain("in place");
    assertThat(Files.readAllBytes(out())).isEqualTo(fromFile);
  }

  @Test
  void aFileAlreadyPartlyRead_isReadFromWhereItStands() throws Exception {
    Path prefixed = dir.resolve("prefixed");
    byte[] sample = Files.readAllBytes(SAMPLE);
    byte[] bytes = new byte[1024 + sample.length];
    System.arraycopy(sample, 0, bytes, 1024, sample.length);
    Files.write(prefixed, bytes);

    CliProcess.Result run =
        CliProcess.shell(
            "{ dd bs=1024 count=1 of=/dev/null status=none; exec $FLAT_TAR -v -o "
                + out()
                + "; } < "
                + prefixed,
            env);

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("spooling stdin");
    assertThat(Files.readAllBytes(out())).isEqualTo(fromFile);
  }

  private Path out() {
    return dir.resolve("out.tar");
  }
}
