package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.file;
import static dev.flattar.tar.TarFixtures.header;
import static dev.flattar.tar.TarFixtures.metaHeader;
import static dev.flattar.tar.TarFixtures.patch;
import static dev.flattar.tar.TarFixtures.patchByte;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.CorruptArchiveException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed archives fail with CorruptArchiveException naming the problem and the offset. */
class TarReaderErrorsTest {

  private static byte[] plain(String name, int size) {
    return new TarFixtures.Archive().add(file(name, size).build(), new byte[size]).unterminated();
  }

  private static byte[] pax(String records) {
    return new TarFixtures.Archive()
        .raw(metaHeader('x', records.getBytes(US_ASCII)))
        .add(file("f", 0).build())
        .finish();
  }

  private static Arguments error(String label, byte[] archive, String... fragments) {
    return Arguments.of(Named.of(label, archive), fragments);
  }

  static Stream<Arguments> corruptArchives() {
    byte[] one = plain("a", 1000);
    byte[] pair = new TarFixtures.Archive().raw(plain("a", 3)).raw(plain("b", 3)).finish();
    return Stream.of(
        error(
            "header truncated mid-block",
            Arrays.copyOf(one, 300),
            "test.tar:",
            "archive ends inside a header at offset 0",
            "300 of 512"),
        error(
            "second header truncated",
            Arrays.copyOf(pair, 1024 + 100),
            "ends inside a header at offset 1024"),
        error(
            "data truncated",
            Arrays.copyOf(one, 512 + 600),
            "archive ends inside member data at offset 512",
            "expected 1024",
            "got 600"),
        error(
            "data padding missing",
            Arrays.copyOf(one, 512 + 1000),
            "ends inside member data at offset 512"),
        error("bad checksum", flip(pair, 0), "bad tar header checksum at offset 0"),
        error("bad checksum in second header", flip(pair, 1025), "checksum at offset 1024"),
        error("non-numeric checksum", rawField(pair, 148, "12x\0    "), "checksum at offset 0"),
        error("non-octal size", field(pair, 124, 12, "0000000012x"), "bad size field", "offset 0"),
        error("size with digit 8", field(pair, 124, 12, "8"), "bad size field", "offset 0"),
        error("non-octal mode", field(pair, 100, 8, "7z5"), "bad mode field", "offset 0"),
        error("non-octal uid", field(pair, 108, 8, "-1"), "bad uid field", "offset 0"),
        error("non-octal mtime", field(pair, 136, 12, "1e9"), "bad mtime field", "offset 0"),
        error("negative base-256 size", base256Size(pair, -1), "negative size", "at offset 0"),
        error(
            "PAX header over the limit",
            withSize(metaHeader('x', new byte[0]), TarReader.MAX_META_BYTES + 1),
            "extended header at offset 0 claims 1048577 bytes (limit 1048576)"),
        error(
            "GNU long name over the limit",
            withBase256Size(metaHeader('L', new byte[0]), 1L << 40),
            "extended header at offset 0 claims 1099511627776 bytes"),
        error("PAX record length past the header", pax("99 path=a\n"), "at offset 0", "claims 99"),
        error("PAX record length not a number", pax("x path=a\n"), "at offset 0", "malformed"),
        error("PAX record length too small", pax("3 a=b\n"), "at offset 0", "claims 3 bytes"),
        error("PAX record without space", pax("9path=ab\n"), "at offset 0", "malformed PAX"),
        error("PAX record without '='", pax("9 pathab\n"), "at offset 0", "has no '='"),
        error("PAX record without key", pax("6 =ab\n"), "at offset 0", "has no key"),
        error("PAX record not ending in newline", pax("9 path=ab"), "at offset 0", "claims 9"),
        error(
            "second PAX record bad",
            pax("9 path=a\n5 ab\n"),
            "at offset 0",
            "record at byte 9 has no '='"),
        error("bad PAX mtime", pax("15 mtime=1.2.3\n"), "bad PAX mtime '1.2.3'", "offset 1024"),
        error("bad PAX uid", pax("10 uid=-5\n"), "bad PAX uid '-5'", "offset 1024"),
        error("bad PAX size", pax("11 size=1k\n"), "bad PAX size '1k'", "offset 1024"),
        error(
            "PAX header then end of stream",
            metaHeader('x', TarFixtures.paxData("path", "x")),
            "archive ends after an extended header at offset 1024"),
        error(
            "PAX header data truncated",
            Arrays.copyOf(metaHeader('x', TarFixtures.paxData("path", "x".repeat(200))), 600),
            "archive ends inside the extended header at offset 0"),
        error(
            "data after the end-of-archive block",
            new TarFixtures.Archive()
                .raw(plain("a", 3))
                .raw(new byte[512])
                .raw(plain("b", 3))
                .finish(),
            "data after the end-of-archive block at offset 1024"),
        error(
            "zero block then a partial block",
            new TarFixtures.Archive().raw(plain("a", 3)).raw(new byte[512 + 100]).unterminated(),
            "ends inside a header at offset 1536"),
        error("unsupported type flag", type(pair, 'A'), "'a' at offset 0 has unsupported type 'A'"),
        error("multi-volume continuation", type(pair, 'M'), "unsupported type 'M'"),
        error("unprintable type flag", type(pair, 1), "unsupported type '\\x01'"),
        error(
            "old GNU sparse map covering less than stored",
            oldGnuSparse(0, 256, 4096, 512),
            "sparse file 's' at offset 0",
            "map covers 256 bytes but 512 are stored"),
        error(
            "old GNU sparse map past the real size",
            oldGnuSparse(4000, 512, 4096, 512),
            "sparse file 's' at offset 0",
            "ends past the file size 4096"),
        error(
            "PAX 0.1 sparse map inconsistent",
            paxSparse("GNU.sparse.size", "100", "GNU.sparse.map", "0,10"),
            "sparse file 'f' at offset 1024",
            "map covers 10 bytes but 0 are stored"),
        error(
            "PAX 0.1 sparse map out of order",
            paxSparse("GNU.sparse.size", "100", "GNU.sparse.map", "50,0,10,0"),
            "overlap or are out of order"),
        error(
            "PAX 0.1 sparse map with odd count",
            paxSparse("GNU.sparse.size", "100", "GNU.sparse.map", "0,10,20"),
            "sparse entry at offset 1024 has a malformed map"),
        error(
            "PAX 0.0 unpaired records",
            paxSparse("GNU.sparse.size", "100", "GNU.sparse.offset", "0"),
            "sparse entry at offset 1024 has unpaired records"),
        error(
            "PAX sparse without a size",
            paxSparse("GNU.sparse.map", "0,0"),
            "sparse entry at offset 1024 has no valid real size"),
        error(
            "PAX 1.0 sparse map truncated",
            paxSparse("GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.realsize", "9"),
            "sparse map of the entry at offset 1024 is truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptArchives")
  void reader_corruptArchive_failsNamingTheProblemAndOffset(byte[] archive, String[] fragments) {
    assertThatThrownBy(() -> TarFixtures.readAll(archive))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageStartingWith(TarFixtures.WHERE)
        .hasMessageContainingAll(fragments);
  }

  @ParameterizedTest
  @ValueSource(chars = {'x', 'g', 'L', 'K', 'V'})
  void reader_negativeSizeOnAMetaHeader_isCorrupt(char flag) {
    byte[] archive =
        new TarFixtures.Archive()
            .raw(withBase256Size(metaHeader(flag, new byte[0]), -1))
            .add(file("f", 0).build())
            .finish();

    assertThatThrownBy(() -> TarFixtures.readAll(archive))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageContainingAll("negative size", "offset 0");
  }

  private static byte[] flip(byte[] archive, int at) {
    byte[] copy = archive.clone();
    copy[at] ^= 1;
    return copy;
  }

  private static byte[] field(byte[] archive, int offset, int length, String text) {
    byte[] copy = archive.clone();
    byte[] h = patch(Arrays.copyOf(copy, 512), offset, length, text);
    System.arraycopy(h, 0, copy, 0, 512);
    return copy;
  }

  /** Overwrites header bytes without fixing the checksum. */
  private static byte[] rawField(byte[] archive, int offset, String text) {
    byte[] copy = archive.clone();
    byte[] b = text.getBytes(US_ASCII);
    System.arraycopy(b, 0, copy, offset, b.length);
    return copy;
  }

  private static byte[] type(byte[] archive, int flag) {
    byte[] copy = archive.clone();
    System.arraycopy(patchByte(Arrays.copyOf(copy, 512), 156, flag), 0, copy, 0, 512);
    return copy;
  }

  static byte[] base256Size(byte[] archive, long value) {
    byte[] copy = archive.clone();
    TarNumbers.formatBase256(copy, 124, 12, value);
    System.arraycopy(TarFixtures.checksum(Arrays.copyOf(copy, 512)), 0, copy, 0, 512);
    return copy;
  }

  static byte[] withSize(byte[] meta, long size) {
    byte[] h = Arrays.copyOf(meta, 512);
    TarNumbers.formatOctal(h, 124, 12, size);
    return TarFixtures.checksum(h);
  }

  static byte[] withBase256Size(byte[] meta, long size) {
    byte[] h = Arrays.copyOf(meta, 512);
    TarNumbers.formatBase256(h, 124, 12, size);
    return TarFixtures.checksum(h);
  }

  /** An old GNU 'S' member with one map segment and {@code stored} data bytes. */
  static byte[] oldGnuSparse(long offset, long length, long realSize, int stored) {
    byte[] h = header(file("s", stored).build());
    patch(h, 257, 8, "ustar  ");
    patchByte(h, 156, 'S');
    patch(h, 386, 12, String.format("%011o", offset));
    patch(h, 398, 12, String.format("%011o", length));
    patch(h, 483, 12, String.format("%011o", realSize));
    return new TarFixtures.Archive().raw(h).raw(new byte[stored]).finish();
  }

  static byte[] paxSparse(String... records) {
    return new TarFixtures.Archive()
        .raw(metaHeader('x', TarFixtures.paxData(records)))
        .add(file("f", 0).build())
        .finish();
  }
}
