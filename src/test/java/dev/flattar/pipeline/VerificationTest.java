package dev.flattar.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.io.InputArchive;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.SampleLayers;
import dev.flattar.writer.ArchiveSink;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --verify reads the output back and notices when it is not what was planned. */
class VerificationTest {
  static final byte[] ARCHIVE =
      Archives.build(Archives.Layout.DOCKER, ImageSpec.of(SampleLayers.STACK).tags("app:1"));

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"docker, none, 0", "both, gzip, 0", "oci, zstd, 1", "docker, none, 2"})
  void aCorrectArchive_verifies(String format, String compress, int keep) throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, ARCHIVE);
    FlattenOptions options =
        FlattenOptions.builder()
            .format(OutputFormat.parse(format))
            .compression(OutputCompression.parse(compress))
            .keepBase(keep)
            .verify(true)
            .build();

    FlatTar.flatten(in, tmp.resolve("out.tar"), options);

    assertThat(tmp.resolve("out.tar")).exists();
  }

  @Test
  void aDamagedLayer_failsVerification() throws Exception {
    Path out = tmp.resolve("out.tar");
    Flattening.Run run = write(out);
    try (FileChannel ch =
        FileChannel.open(out, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'X'}), 512 + 600); // inside the new layer's first member

      assertThatThrownBy(
              () -> Verification.verify(InputArchive.of(ch, "out"), run.planned(), run.written()))
          .isInstanceOf(FlatTarException.class)
          .hasMessageStartingWith("verification failed:")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception"));
    }
  }

  @Test
  void aMemberThatDiffersFromThePlan_failsVerification() throws Exception {
    Path out = tmp.resolve("out.tar");
    Flattening.Run run = write(out);
    Path other = tmp.resolve("other.tar");
    Files.write(
        tmp.resolve("in2.tar"),
        Archives.build(
            Archives.Layout.DOCKER, ImageSpec.of(SampleLayers.STACK.subList(0, 2)).tags("app:1")));
    Flattening.Run otherRun;
    try (InputArchive input = InputArchive.open(tmp.resolve("in2.tar"), tmp);
        FileChannel ch =
            FileChannel.open(other, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      otherRun =
          Flattening.flatten(
              input, new OutputPlace.Archive(ArchiveSink.of(ch), null), TestJobs.defaults(tmp));
    }
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.READ)) {
      // The archive is intact, but it is not what the other plan says it should be.
      assertThatThrownBy(
              () ->
                  Verification.verify(
                      InputArchive.of(ch, "out"), otherRun.planned(), run.written()))
          .hasMessageStartingWith("verification failed: ");
    }
  }

  private Flattening.Run write(Path out) throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, ARCHIVE);
    try (InputArchive input = InputArchive.open(in, tmp);
        FileChannel ch =
            FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      return Flattening.flatten(
          input, new OutputPlace.Archive(ArchiveSink.of(ch), null), TestJobs.defaults(tmp));
    }
  }
}
