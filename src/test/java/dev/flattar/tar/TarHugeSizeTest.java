package dev.flattar.tar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files of 8 GiB and more need a PAX size record. Only the headers are written: every reader here
 * parses a member's header before it touches the data.
 */
class TarHugeSizeTest {
  static final long EIGHT_GIB = 1L << 33;

  @TempDir Path dir;

  private static byte[] headerOnly(long size) {
    TarFixtures.Entry e = TarFixtures.file("huge.img", size);
    e.mode = 0600;
    return TarHeaderEncoder.encode(e.build());
  }

  @ParameterizedTest
  @ValueSource(longs = {EIGHT_GIB - 1, EIGHT_GIB, EIGHT_GIB + 1, 1L << 40, Long.MAX_VALUE / 2})
  void encode_sizeOf8GiBOrMore_isCarriedInPax(long size) throws Exception {
    byte[] h = headerOnly(size);
    List<PaxRecord> pax = TarHeaderEncoderTest.paxOf(h);
    int member = h.length - 512;

    if (size < EIGHT_GIB) {
      assertThat(pax).isEmpty();
      assertThat(TarNumbers.string(h, 124, 12)).isEqualTo("77777777777");
    } else {
      assertThat(pax).containsExactly(new PaxRecord("size", Long.toString(size)));
      assertThat(TarNumbers.string(h, member + 124, 12)).isEqualTo("00000000000");
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {EIGHT_GIB, 1L << 40})
  void reader_readsAHugeSizeFromTheHeaderAlone(long size) throws Exception {
    byte[] h = headerOnly(size);
    TarReader reader = new TarReader(new ByteArrayInputStream(h), "huge");

    TarEntry e = reader.next();

    assertThat(e.size()).isEqualTo(size);
    assertThat(e.storedSize()).isEqualTo(size);
    assertThat(e.dataOffset()).isEqualTo(h.length);
  }

  @ParameterizedTest
  @ValueSource(longs = {EIGHT_GIB, 1L << 40})
  void commonsCompress_readsTheHugeSize(long size) throws Exception {
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(headerOnly(size)))) {
      TarArchiveEntry e = in.getNextEntry();

      assertThat(e.getName()).isEqualTo("huge.img");
      assertThat(e.getSize()).isEqualTo(size);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {EIGHT_GIB, 1L << 40})
  void pythonTarfile_readsTheHugeSize(long size) throws Exception {
    Path f = Files.write(dir.resolve("huge.tar"), headerOnly(size));

    String out =
        new String(
            ExternalTools.python(
                dir,
                "import sys, tarfile\n"
                    + "t = tarfile.open(sys.argv[1], 'r|')\n"
                    + "m = t.next()\n"
                    + "print(m.name, m.size, oct(m.mode))\n",
                f.toString()),
            UTF_8);

    assertThat(out.trim()).isEqualTo("huge.img " + size + " 0o600");
  }

  @ParameterizedTest
  @ValueSource(longs = {EIGHT_GIB, 1L << 40})
  void gnuTar_listsTheHugeSize(long size) throws Exception {
    Path f = Files.write(dir.resolve("huge.tar"), headerOnly(size));

    // tar then complains that the data is missing; the listing line comes first.
    ExternalTools.Result r =
        ExternalTools.exec(dir, List.of("tar", "--numeric-owner", "-tvf", f.toString()));

    assertThat(r.out())
        .startsWith("-rw------- 0/0")
        .contains(" " + size + " ")
        .contains("huge.img");
  }
}
