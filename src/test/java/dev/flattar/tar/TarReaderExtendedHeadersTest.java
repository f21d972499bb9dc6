package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.file;
import static dev.flattar.tar.TarFixtures.header;
import static dev.flattar.tar.TarFixtures.metaHeader;
import static dev.flattar.tar.TarFixtures.paxData;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PAX extended headers, GNU long names and header field encodings as TarReader applies them. */
class TarReaderExtendedHeadersTest {
  private static final byte[] DATA = "abc".getBytes(US_ASCII);

  private static byte[] archive(byte[] meta, TarFixtures.Entry member, byte[] data) {
    return new TarFixtures.Archive().raw(meta).add(member.build(), data).finish();
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void reader_paxPathOverridesUstarName() throws Exception {
    byte[] a = archive(metaHeader('x', paxData("path", "from/pax")), file("from-ustar", 3), DATA);

    TarEntry e = TarFixtures.readOnly(a);

    assertThat(e.name()).isEqualTo("from/pax");
    assertThat(TarFixtures.stored(a, e)).isEqualTo(DATA);
  }

  @Test
  void reader_paxLinkpathUnameGnameUidGidMtime_overrideTheUstarFields() throws Exception {
    TarFixtures.Entry sym = TarFixtures.of("s", EntryType.SYMLINK);
    sym.link = "short";
    byte[] pax =
        paxData(
            "gid",
            "5000000000",
            "gname",
            "g\u00e9",
            "linkpath",
            "long/target",
            "mtime",
            "-1.25",
            "uid",
            "3000000",
            "uname",
            "someone");

    TarEntry e = TarFixtures.readOnly(archive(metaHeader('x', pax), sym, new byte[0]));

    assertThat(e.linkName()).isEqualTo("long/target");
    assertThat(e.uid()).isEqualTo(3_000_000L);
    assertThat(e.gid()).isEqualTo(5_000_000_000L);
    assertThat(e.uname()).isEqualTo("someone");
    assertThat(e.gname()).isEqualTo("g\u00e9");
    assertThat(e.mtimeSeconds()).isEqualTo(-2);
    assertThat(e.mtimeNanos()).isEqualTo(750_000_000);
    assertThat(e.extraPax()).isEmpty();
  }

  @Test
  void reader_paxSizeOverridesTheHeaderSize_andLocatesTheNextMember() throws Exception {
    byte[] a =
        new TarFixtures.Archive()
            .raw(metaHeader('x', paxData("size", "700")))
            .raw(header(file("big", 0).build()))
            .raw(new byte[1024])
            .add(file("next", 3).build(), DATA)
            .finish();

    List<TarEntry> read = TarFixtures.readAll(a);

    assertThat(read.get(0).size()).isEqualTo(700);
    assertThat(read.get(0).storedSize()).isEqualTo(700);
    assertThat(read.get(1).name()).isEqualTo("next");
    assertThat(TarFixtures.stored(a, read.get(1))).isEqualTo(DATA);
  }

  @Test
  void reader_paxRecordsApplyToOneMemberOnly() throws Exception {
    byte[] a =
        new TarFixtures.Archive()
            .raw(metaHeader('x', paxData("path", "renamed", "SCHILY.xattr.user.x", "1")))
            .add(file("a", 0).build(), new byte[0])
            .add(file("b", 0).build(), new byte[0])
            .finish();

    List<TarEntry> read = TarFixtures.readAll(a);

    assertThat(read).extracting(TarEntry::name).containsExactly("renamed", "b");
    assertThat(read.get(1).extraPax()).isEmpty();
  }

  @Test
  void reader_extraRecords_keepXattrsAndUnknownKeysInOrder_dropHdrcharset() throws Exception {
    String binary = TarFixtures.bytes(0, 0xff, '\n', '=', 0x80);
    byte[] pax =
        PaxRecords.format(
            List.of(
                new PaxRecord("atime", "1.5"),
                new PaxRecord("hdrcharset", "BINARY"),
                new PaxRecord("SCHILY.xattr.trusted.overlay.opaque", "y"),
                new PaxRecord("SCHILY.xattr.trusted.overlay.origin", "zz"),
                new PaxRecord("SCHILY.xattr.security.capability", binary),
                new PaxRecord("SCHILY.xattr.trusted.other", "kept"),
                new PaxRecord("LIBARCHIVE.creationtime", "12")));

    TarEntry e = TarFixtures.readOnly(archive(metaHeader('x', pax), file("f", 0), new byte[0]));

    assertThat(e.extraPax())
        .containsExactly(
            new PaxRecord("atime", "1.5"),
            new PaxRecord("SCHILY.xattr.trusted.overlay.opaque", "y"),
            new PaxRecord("SCHILY.xattr.trusted.overlay.origin", "zz"),
            new PaxRecord("SCHILY.xattr.security.capability", binary),
            new PaxRecord("SCHILY.xattr.trusted.other", "kept"),
            new PaxRecord("LIBARCHIVE.creationtime", "12"));
  }

  @Test
  void reader_paxPathWithNonUtf8Bytes_isKeptByteForByte() throws Exception {
    String name = "dir/" + TarFixtures.bytes(0xff, 0xfe, 0xc3) + "/x";
    byte[] pax = paxData("hdrcharset", "BINARY", "path", name);

    TarEntry e = TarFixtures.readOnly(archive(metaHeader('x', pax), file("x", 0), new byte[0]));

    assertThat(e.name().getBytes(ISO_8859_1)).isEqualTo(name.getBytes(ISO_8859_1));
  }

  @Test
  void reader_gnuLongNameAndLongLink_replaceTheHeaderFields() throws Exception {
    String longName = "n".repeat(700);
    String longLink = "l".repeat(300);
    TarFixtures.Entry sym = TarFixtures.of("truncated", EntryType.SYMLINK);
    sym.link = "trunc";
    byte[] meta =
        cat(
            metaHeader('L', (longName + "\0").getBytes(US_ASCII)),
            metaHeader('K', (longLink + "\0").getBytes(US_ASCII)));

    TarEntry e = TarFixtures.readOnly(archive(meta, sym, new byte[0]));

    assertThat(e.name()).isEqualTo(longName);
    assertThat(e.linkName()).isEqualTo(longLink);
  }

  @Test
  void reader_base256SizeField_isRead() throws Exception {
    byte[] h = header(file("b256", 0).build());
    Arrays.fill(h, 124, 136, (byte) 0);
    h[124] = (byte) 0x80;
    h[135] = 3;
    TarFixtures.checksum(h);
    byte[] a = new TarFixtures.Archive().raw(h).raw(Arrays.copyOf(DATA, 512)).finish();

    TarEntry e = TarFixtures.readOnly(a);

    assertThat(e.size()).isEqualTo(3);
    assertThat(TarFixtures.stored(a, e)).isEqualTo(DATA);
  }

  @Test
  void reader_signedChecksum_isAccepted() throws Exception {
    // Some old tars summed the header as signed bytes; Go and GNU tar accept either sum.
    byte[] h = header(file("xx", 0).build());
    h[1] = (byte) 0xe9; // a byte that counts negative in a signed sum
    Arrays.fill(h, 148, 156, (byte) ' ');
    long signed = 0;
    for (byte b : h) {
      signed += b;
    }
    byte[] digits = String.format("%06o\0 ", signed).getBytes(US_ASCII);
    System.arraycopy(digits, 0, h, 148, 8);

    TarEntry e = TarFixtures.readOnly(new TarFixtures.Archive().raw(h).finish());

    assertThat(e.name()).isEqualTo("x" + TarFixtures.bytes(0xe9));
  }

  @Test
  void reader_numericFieldsPaddedWithSpacesOrNuls_areRead() throws Exception {
    byte[] h = header(file("pad", 0).build());
    TarFixtures.patch(h, 100, 8, " 755 ");
    TarFixtures.patch(h, 108, 8, "  12\0");
    TarFixtures.patch(h, 116, 8, "34");

    TarEntry e = TarFixtures.readOnly(new TarFixtures.Archive().raw(h).finish());

    assertThat(e.mode()).isEqualTo(0755);
    assertThat(e.uid()).isEqualTo(012);
    assertThat(e.gid()).isEqualTo(034);
  }
}
