package dev.flattar.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.CorruptArchiveException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TarReader gives the same answers whatever the stream's read and skip granularity. */
class TarReaderStreamsTest {
  @TempDir Path dir;

  interface Opener {
    InputStream open(Path file) throws IOException;
  }

  /** Reads at most one byte per call and never skips: the most grudging legal stream. */
  static final class Trickle extends FilterInputStream {
    Trickle(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, 1));
    }

    @Override
    public long skip(long n) {
      return 0;
    }
  }

  static Stream<Named<Opener>> wellBehavedStreams() {
    return Stream.of(
        Named.of("byte array", f -> new ByteArrayInputStream(Files.readAllBytes(f))),
        Named.of("Files.newInputStream", Files::newInputStream),
        Named.of("one byte at a time, no skip", f -> new Trickle(Files.newInputStream(f))),
        Named.of(
            "buffered trickle",
            f -> new BufferedInputStream(new Trickle(Files.newInputStream(f)), 7)));
  }

  private static byte[] sample() {
    TarFixtures.Archive a = new TarFixtures.Archive();
    RoundTripCases.all()
        .flatMap(n -> n.getPayload().members().stream())
        .forEach(m -> a.add(m.entry(), m.data()));
    return a.finish();
  }

  private static List<TarEntry> readAll(InputStream in) throws Exception {
    try (in) {
      TarReader reader = new TarReader(in, TarFixtures.WHERE);
      List<TarEntry> entries = new ArrayList<>();
      TarEntry e;
      while ((e = reader.next()) != null) {
        entries.add(e);
      }
      return entries;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellBehavedStreams")
  void reader_anyStream_readsTheSameEntriesAndOffsets(Opener opener) throws Exception {
    byte[] archive = sample();
    Path f = Files.write(dir.resolve("s.tar"), archive);

    assertThat(readAll(opener.open(f))).isEqualTo(TarFixtures.readAll(archive));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellBehavedStreams")
  void reader_anyStream_reportsTruncatedData(Opener opener) throws Exception {
    byte[] archive = new TarFixtures.Archive().add(TarFixtures.file("a", 1000).build()).finish();
    Path f = Files.write(dir.resolve("t.tar"), Arrays.copyOf(archive, 512 + 600));

    assertThatThrownBy(() -> readAll(opener.open(f)))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageContaining("archive ends inside member data at offset 512");
  }

  @Test
  void reader_fileInputStream_reportsTruncatedData() throws Exception {
    byte[] archive = new TarFixtures.Archive().add(TarFixtures.file("a", 1000).build()).finish();
    Path f = Files.write(dir.resolve("t.tar"), Arrays.copyOf(archive, 512 + 600));

    assertThatThrownBy(() -> readAll(new FileInputStream(f.toFile())))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageContaining("offset 512");
    assertThatThrownBy(() -> readAll(new BufferedInputStream(new FileInputStream(f.toFile()))))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageContaining("offset 512");
  }

  @Test
  void reader_fileInputStream_readsACompleteArchive() throws Exception {
    byte[] archive = sample();
    Path f = Files.write(dir.resolve("s.tar"), archive);

    assertThat(readAll(new FileInputStream(f.toFile()))).isEqualTo(TarFixtures.readAll(archive));
  }
}
