package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.file;
import static dev.flattar.tar.TarFixtures.header;
import static dev.flattar.tar.TarFixtures.metaHeader;
import static dev.flattar.tar.TarFixtures.patch;
import static dev.flattar.tar.TarFixtures.patchByte;
import static dev.flattar.tar.TarFixtures.paxData;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.flattar.model.CorruptArchiveException;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reading rules TarReader takes from Go's archive/tar (what Docker and containerd use). */
class TarReaderGoRulesTest {
  private static final byte[] NEXT_DATA = "abc".getBytes(US_ASCII);

  /** Raw blocks followed by a regular member "next" holding "abc" and the end blocks. */
  private static byte[] thenNext(byte[]... blocks) {
    TarFixtures.Archive a = new TarFixtures.Archive();
    for (byte[] b : blocks) {
      a.raw(b);
    }
    return a.add(file("next", 3).build(), NEXT_DATA).finish();
  }

  private static void assertNextIsIntact(byte[] archive, TarEntry next) {
    assertThat(next.name()).isEqualTo("next");
    assertThat(TarFixtures.stored(archive, next)).isEqualTo(NEXT_DATA);
  }

  @ParameterizedTest
  @EnumSource(
      value = EntryType.class,
      names = {"HARDLINK", "SYMLINK", "CHAR_DEVICE", "BLOCK_DEVICE", "DIRECTORY", "FIFO"})
  void reader_headerOnlyTypes_haveNoDataWhateverTheirSizeField(EntryType type) throws Exception {
    TarFixtures.Entry e = TarFixtures.of(type.isDirectory() ? "x/" : "x", type);
    e.link = type == EntryType.HARDLINK || type == EntryType.SYMLINK ? "target" : "";
    byte[] h = patch(header(e.build()), 124, 12, "00000001750"); // 1000 bytes

    byte[] archive = thenNext(h);
    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read).hasSize(2);
    assertThat(read.get(0).type()).isEqualTo(type);
    assertThat(read.get(0).size()).isZero();
    assertThat(read.get(0).storedSize()).isZero();
    assertThat(read.get(1).dataOffset()).isEqualTo(1024);
    assertNextIsIntact(archive, read.get(1));
  }

  @Test
  void reader_paxSizeRecord_isIgnoredForHeaderOnlyTypes() throws Exception {
    TarFixtures.Entry e = TarFixtures.of("s", EntryType.SYMLINK);
    e.link = "t";
    byte[] archive = thenNext(metaHeader('x', paxData("size", "5000")), header(e.build()));

    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read.get(0).size()).isZero();
    assertNextIsIntact(archive, read.get(1));
  }

  @Test
  void reader_paxGlobalHeader_isIgnored() throws Exception {
    byte[] global = metaHeader('g', paxData("path", "global", "mtime", "5.5", "uid", "77"));

    byte[] archive = thenNext(global);
    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read).hasSize(1);
    assertNextIsIntact(archive, read.get(0));
    assertThat(read.get(0).mtimeSeconds()).isEqualTo(1_700_000_000L);
    assertThat(read.get(0).uid()).isZero();
    assertThat(read.get(0).extraPax()).isEmpty();
  }

  @Test
  void reader_cleanEndOfStreamAtHeaderBoundary_endsTheArchive() throws Exception {
    byte[] archive = new TarFixtures.Archive().add(file("a", 3).build(), NEXT_DATA).unterminated();
    TarReader reader = new TarReader(new ByteArrayInputStream(archive), "t");

    assertThat(reader.next().name()).isEqualTo("a");
    assertThat(reader.next()).isNull();
    assertThat(reader.next()).isNull();
    assertThat(reader.position()).isEqualTo(archive.length);
  }

  @Test
  void reader_emptyStream_hasNoEntries() throws Exception {
    assertThat(TarFixtures.readAll(new byte[0])).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 20})
  void reader_zeroBlocksThenEndOfStream_endTheArchive(int zeroBlocks) throws Exception {
    byte[] head = new TarFixtures.Archive().add(file("a", 3).build(), NEXT_DATA).unterminated();
    byte[] archive = Arrays.copyOf(head, head.length + zeroBlocks * 512);

    assertThat(TarFixtures.readAll(archive)).extracting(TarEntry::name).containsExactly("a");
  }

  @Test
  void reader_anythingAfterTwoZeroBlocks_isIgnored() throws Exception {
    byte[] archive =
        new TarFixtures.Archive()
            .add(file("a", 3).build(), NEXT_DATA)
            .raw(new byte[1024])
            .raw(header(file("ignored", 0).build()))
            .raw("trailing garbage".getBytes(US_ASCII))
            .unterminated();

    assertThat(TarFixtures.readAll(archive)).extracting(TarEntry::name).containsExactly("a");
  }

  /** A V7 header: no magic, so no prefix and no owner names. */
  private static byte[] v7(String name, int flag) {
    byte[] h = header(file(name, 0).build());
    Arrays.fill(h, 257, 512, (byte) 0);
    h[156] = (byte) flag;
    return TarFixtures.checksum(h);
  }

  @Test
  void reader_v7RegularFileWithTrailingSlash_isADirectory() throws Exception {
    byte[] archive = thenNext(v7("olddir/", 0), v7("oldfile", 0));

    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read)
        .extracting(TarEntry::name, TarEntry::type)
        .containsExactly(
            tuple("olddir/", EntryType.DIRECTORY),
            tuple("oldfile", EntryType.FILE),
            tuple("next", EntryType.FILE));
  }

  @Test
  void reader_v7Header_ignoresBytesInThePrefixArea() throws Exception {
    byte[] h = v7("name", '0');
    patch(h, 345, 10, "notprefix");

    assertThat(TarFixtures.readAll(thenNext(h)).get(0).name()).isEqualTo("name");
  }

  @Test
  void reader_gnuHeader_ignoresThePrefixArea() throws Exception {
    byte[] h = header(file("name", 0).build());
    patch(h, 257, 8, "ustar  ");
    patch(h, 345, 12, "14000000000"); // GNU keeps atime here

    assertThat(TarFixtures.readAll(thenNext(h)).get(0).name()).isEqualTo("name");
  }

  @Test
  void reader_starFormat_usesA131BytePrefix() throws Exception {
    byte[] h = header(file("name", 0).build());
    patch(h, 345, 131, "a".repeat(131));
    patch(h, 476, 12, "14000000000"); // star atime
    patch(h, 488, 12, "14000000000"); // star ctime
    patch(h, 508, 4, "tar");

    assertThat(TarFixtures.readAll(thenNext(h)).get(0).name()).isEqualTo("a".repeat(131) + "/name");
  }

  @Test
  void reader_ustarPrefix_isJoinedWithASlash() throws Exception {
    byte[] h = header(file("name", 0).build());
    patch(h, 345, 155, "p".repeat(155));

    assertThat(TarFixtures.readAll(thenNext(h)).get(0).name()).isEqualTo("p".repeat(155) + "/name");
  }

  @Test
  void reader_ustarMagicWithAnyVersion_usesThePrefix_asInGo() throws Exception {
    byte[] h = header(file("name", 0).build());
    patch(h, 263, 2, ""); // version NUL NUL, as some old writers leave it
    patch(h, 345, 6, "prefix");

    assertThat(TarFixtures.readAll(thenNext(h)).get(0).name()).isEqualTo("prefix/name");
  }

  @Test
  void reader_sparseTypeWithoutGnuMagic_isCorrupt_asInGo() {
    // star's sparse format reuses 'S' with another layout: reading its stored fragments as the
    // whole file would silently produce wrong content.
    byte[] h = patchByte(header(file("s", 3).build()), 156, 'S');
    byte[] archive = new TarFixtures.Archive().raw(h).raw(Arrays.copyOf(NEXT_DATA, 512)).finish();

    assertThatThrownBy(() -> TarFixtures.readAll(archive))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageContaining("offset 0");
  }

  @Test
  void reader_contiguousFile_isAFile() throws Exception {
    byte[] h = patchByte(header(file("c", 3).build()), 156, '7');
    byte[] archive = new TarFixtures.Archive().raw(h).raw(Arrays.copyOf(NEXT_DATA, 512)).finish();

    TarEntry read = TarFixtures.readOnly(archive);

    assertThat(read.type()).isEqualTo(EntryType.FILE);
    assertThat(TarFixtures.stored(archive, read)).isEqualTo(NEXT_DATA);
  }

  @Test
  void reader_gnuDumpDir_isADirectoryWhoseDataIsSkipped() throws Exception {
    byte[] h = header(file("dumped/", 10).build());
    patch(h, 257, 8, "ustar  ");
    patchByte(h, 156, 'D');

    byte[] archive = thenNext(h, Arrays.copyOf("Yfile\0\0\0\0\0".getBytes(US_ASCII), 512));
    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read.get(0).type()).isEqualTo(EntryType.DIRECTORY);
    assertThat(read.get(0).size()).isZero();
    assertThat(read.get(0).storedSize()).isZero();
    assertNextIsIntact(archive, read.get(1));
  }

  @Test
  void reader_gnuVolumeLabel_isSkipped() throws Exception {
    byte[] h = patchByte(header(file("volume label", 0).build()), 156, 'V');

    byte[] archive = thenNext(h);

    assertThat(TarFixtures.readAll(archive)).extracting(TarEntry::name).containsExactly("next");
  }
}
