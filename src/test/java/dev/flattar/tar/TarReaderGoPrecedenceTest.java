package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.file;
import static dev.flattar.tar.TarFixtures.metaHeader;
import static dev.flattar.tar.TarFixtures.paxData;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which value wins when several headers describe one member. Go's archive/tar (Reader.next and
 * mergePAX) decides what Docker and containerd unpack; a reader that decides differently sees a
 * different file tree in the same layer.
 */
class TarReaderGoPrecedenceTest {

  private static TarEntry read(TarFixtures.Entry member, byte[]... meta) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] m : meta) {
      out.writeBytes(m);
    }
    return TarFixtures.readOnly(
        new TarFixtures.Archive().raw(out.toByteArray()).add(member.build()).finish());
  }

  private static byte[] gnu(char flag, String text) {
    return metaHeader(flag, (text + "\0").getBytes(US_ASCII));
  }

  @Test
  void reader_laterGnuLongName_replacesAnEarlierOne() throws Exception {
    TarEntry e = read(file("x", 0), gnu('L', "first"), gnu('L', "second"));

    assertThat(e.name()).isEqualTo("second");
  }

  @Test
  void reader_paxRecordsSurviveAGnuLongNameBetweenThemAndTheMember() throws Exception {
    TarEntry e = read(file("x", 0), metaHeader('x', paxData("uid", "9")), gnu('L', "long"));

    assertThat(e.name()).isEqualTo("long");
    assertThat(e.uid()).isEqualTo(9);
  }

  @Test
  void reader_gnuLongNameWinsOverPaxPath_asInGo() throws Exception {
    TarEntry either =
        read(file("x", 0), gnu('L', "gnu-name"), metaHeader('x', paxData("path", "pax-name")));
    TarEntry other =
        read(file("x", 0), metaHeader('x', paxData("path", "pax-name")), gnu('L', "gnu-name"));

    assertThat(either.name()).isEqualTo("gnu-name");
    assertThat(other.name()).isEqualTo("gnu-name");
  }

  @Test
  void reader_gnuLongLinkWinsOverPaxLinkpath_asInGo() throws Exception {
    TarFixtures.Entry sym = TarFixtures.of("s", EntryType.SYMLINK);
    sym.link = "ustar-target";

    TarEntry e =
        read(sym, gnu('K', "gnu-target"), metaHeader('x', paxData("linkpath", "pax-target")));

    assertThat(e.linkName()).isEqualTo("gnu-target");
  }

  @Test
  void reader_laterPaxHeaderReplacesAnEarlierOne_asInGo() throws Exception {
    TarEntry e =
        read(
            file("ustar-name", 0),
            metaHeader('x', paxData("path", "hidden", "SCHILY.xattr.user.a", "1")),
            metaHeader('x', paxData("uid", "2")));

    assertThat(e.name()).isEqualTo("ustar-name");
    assertThat(e.uid()).isEqualTo(2);
    assertThat(e.extraPax()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"path", "linkpath", "uname", "gname", "uid", "gid", "mtime", "size"})
  void reader_emptyPaxValue_keepsTheUstarField(String key) throws Exception {
    TarFixtures.Entry f = file("ustar-name", 0);
    f.link = "ustar-link";
    f.uname = "alice";
    f.gname = "staff";
    f.uid = 11;
    f.gid = 22;
    TarEntry plain = read(f);

    TarEntry e = read(f, metaHeader('x', paxData(key, "")));

    assertThat(TarFixtures.unlocated(e)).isEqualTo(TarFixtures.unlocated(plain));
  }

  @Test
  void reader_emptyXattrValue_isKeptAsAnEmptyXattr() throws Exception {
    TarEntry e = read(file("f", 0), metaHeader('x', paxData("SCHILY.xattr.user.empty", "")));

    assertThat(e.extraPax()).containsExactly(new PaxRecord("SCHILY.xattr.user.empty", ""));
  }

  @Test
  void reader_gnuSparseNameWinsOverPaxPath() throws Exception {
    byte[] pax =
        paxData(
            "GNU.sparse.map", "0,0",
            "GNU.sparse.name", "real-name",
            "GNU.sparse.size", "10",
            "path", "GNUSparseFile.0/real-name");

    TarEntry e = read(file("GNUSparseFile.0/real-name", 0), metaHeader('x', pax));

    assertThat(e.name()).isEqualTo("real-name");
    assertThat(e.size()).isEqualTo(10);
    assertThat(e.isSparse()).isTrue();
  }
}
