package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.bytes;
import static dev.flattar.tar.TarFixtures.file;
import static dev.flattar.tar.TarFixtures.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The bytes TarHeaderEncoder writes: layout, when PAX is used, and determinism. */
class TarHeaderEncoderTest {

  /** The PAX records of an encoded header, or an empty list when there is no PAX header. */
  static List<PaxRecord> paxOf(byte[] encoded) throws Exception {
    if (encoded[156] != 'x') {
      return List.of();
    }
    int size = (int) TarNumbers.parse(encoded, 124, 12);
    return PaxRecords.parse(Arrays.copyOfRange(encoded, 512, 512 + size), "test");
  }

  static List<String> paxKeys(TarEntry e) throws Exception {
    return paxOf(TarHeaderEncoder.encode(e)).stream().map(PaxRecord::key).toList();
  }

  static Stream<?> cases() {
    return RoundTripCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void encode_isDeterministic_andRecordsAreSortedByKey(RoundTripCases.Case c) throws Exception {
    TarEntry e = c.last();
    TarEntry copy = TarFixtures.unlocated(e);
    byte[] first = TarHeaderEncoder.encode(e);

    assertThat(TarHeaderEncoder.encode(e)).isEqualTo(first);
    assertThat(TarHeaderEncoder.encode(copy)).isEqualTo(first);
    assertThat(TarHeaderEncoder.encodedLength(e)).isEqualTo(first.length);
    assertThat(first.length % 512).isZero();
    assertThat(paxKeys(e)).isSortedAccordingTo(Comparator.naturalOrder());
    // The header blocks: the member's, and the PAX header's when there is one.
    for (int at : new int[] {0, first.length - 512}) {
      assertThat(TarNumbers.parse(first, at + 148, 8)).isEqualTo(unsignedSum(first, at));
      assertThat(Arrays.copyOfRange(first, at + 257, at + 265))
          .isEqualTo(new byte[] {'u', 's', 't', 'a', 'r', 0, '0', '0'});
    }
  }

  /** One block reused for every case, left dirty by the one before (and filled with 0xff first). */
  private static final byte[] REUSED = new byte[512];

  static {
    Arrays.fill(REUSED, (byte) 0xff);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void encode_intoAReusedBlock_givesTheSameBytes_inThatBlockWhenOneHoldsThem(
      RoundTripCases.Case c) {
    TarEntry e = c.last();
    byte[] fresh = TarHeaderEncoder.encode(e);

    byte[] reused = TarHeaderEncoder.encode(e, REUSED);

    assertThat(reused).isEqualTo(fresh);
    assertThat(reused == REUSED).as("the given block is the result").isEqualTo(fresh.length == 512);
  }

  private static long unsignedSum(byte[] b, int at) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : b[at + i] & 0xff;
    }
    return sum;
  }

  @Test
  void encode_extraPaxOrder_doesNotChangeTheBytes() {
    TarFixtures.Entry a = file("f", 0);
    a.pax =
        List.of(
            new PaxRecord("SCHILY.xattr.user.b", "2"), new PaxRecord("SCHILY.xattr.user.a", "1"));
    TarFixtures.Entry b = file("f", 0);
    b.pax =
        List.of(
            new PaxRecord("SCHILY.xattr.user.a", "1"), new PaxRecord("SCHILY.xattr.user.b", "2"));

    assertThat(TarHeaderEncoder.encode(a.build())).isEqualTo(TarHeaderEncoder.encode(b.build()));
  }

  @Test
  void encode_everyReasonForPax_givesSortedRecords() throws Exception {
    TarFixtures.Entry e = TarFixtures.of(repeat('n', 120), EntryType.SYMLINK);
    e.link = repeat('l', 120);
    e.uid = 1L << 21;
    e.gid = 1L << 40;
    e.nanos = 5;
    e.uname = repeat('u', 33);
    e.gname = TarEntry.carrier("\u00e9");
    e.pax = List.of(new PaxRecord("SCHILY.xattr.user.z", "z"), new PaxRecord("LIBARCHIVE.x", "y"));

    assertThat(paxKeys(e.build()))
        .containsExactly(
            "LIBARCHIVE.x",
            "SCHILY.xattr.user.z",
            "gid",
            "gname",
            "linkpath",
            "mtime",
            "path",
            "uid",
            "uname");
  }

  @Test
  void encode_plainEntry_isOneUstarBlockWithoutPax() {
    byte[] h = TarHeaderEncoder.encode(file("dir/file", 5).build());

    assertThat(h).hasSize(512);
    assertThat(TarNumbers.string(h, 0, 100)).isEqualTo("dir/file");
    assertThat(TarNumbers.string(h, 124, 12)).isEqualTo("00000000005");
    assertThat(TarNumbers.string(h, 100, 8)).isEqualTo("0000644");
    assertThat(h[156]).isEqualTo((byte) '0');
  }

  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({"155, 100", "1, 100", "155, 1", "100, 100"})
  void encode_longAsciiName_isSplitIntoPrefixAndName(int prefix, int rest) throws Exception {
    String name = repeat('p', prefix) + "/" + repeat('f', rest);

    byte[] h = TarHeaderEncoder.encode(file(name, 0).build());

    assertThat(h).hasSize(512);
    assertThat(TarNumbers.string(h, 345, 155)).isEqualTo(repeat('p', prefix));
    assertThat(TarNumbers.string(h, 0, 100)).isEqualTo(repeat('f', rest));
  }

  @Test
  void encode_paxHeader_isNamedLikeGo_andDescribesItsRecords() throws Exception {
    byte[] out = TarHeaderEncoder.encode(file("dir/" + bytes(0xe9), 0).build());

    assertThat(TarNumbers.string(out, 0, 100)).isEqualTo("dir/PaxHeaders.0/");
    assertThat(out[156]).isEqualTo((byte) 'x');
    assertThat(TarNumbers.string(out, out.length - 512, 100)).isEqualTo("dir/");
    assertThat(paxOf(out))
        .containsExactly(
            new PaxRecord("hdrcharset", "BINARY"), new PaxRecord("path", "dir/" + bytes(0xe9)));
  }

  @Test
  void encode_hdrcharsetBinary_onlyForNonUtf8PathOrLinkpath() throws Exception {
    TarFixtures.Entry utf8 = file(TarEntry.carrier("\u00e9"), 0);
    TarFixtures.Entry binaryLink = TarFixtures.of("s", EntryType.SYMLINK);
    binaryLink.link = bytes(0xff);
    TarFixtures.Entry binaryXattr = file("x", 0);
    binaryXattr.pax = List.of(new PaxRecord("SCHILY.xattr.user.b", bytes(0xff)));

    assertThat(paxKeys(utf8.build())).containsExactly("path");
    assertThat(paxKeys(binaryLink.build())).containsExactly("hdrcharset", "linkpath");
    assertThat(paxKeys(binaryXattr.build())).containsExactly("SCHILY.xattr.user.b");
  }

  @ParameterizedTest(name = "uid {0}")
  @CsvSource({"2097151, false", "2097152, true", "4294967295, true", "0, false"})
  void encode_idsBeyondSevenOctalDigits_goToPax(long id, boolean pax) throws Exception {
    TarFixtures.Entry e = file("f", 0);
    e.uid = id;
    e.gid = id;

    List<PaxRecord> records = paxOf(TarHeaderEncoder.encode(e.build()));

    if (pax) {
      assertThat(records)
          .containsExactly(new PaxRecord("gid", "" + id), new PaxRecord("uid", "" + id));
    } else {
      assertThat(records).isEmpty();
    }
  }

  @ParameterizedTest(name = "mtime {0}.{1}")
  @CsvSource({
    "0, 0, ''",
    "8589934591, 0, ''",
    "8589934592, 0, 8589934592",
    "-1, 0, -1",
    "-2, 500000000, -1.5",
    "1700000000, 100, 1700000000.0000001",
    "1700000000, 999999999, 1700000000.999999999"
  })
  void encode_mtimeNeedingPax_isWrittenAsGoFormatsIt(long seconds, int nanos, String pax)
      throws Exception {
    TarFixtures.Entry e = file("f", 0);
    e.mtime = seconds;
    e.nanos = nanos;

    byte[] out = TarHeaderEncoder.encode(e.build());

    if (pax.isEmpty()) {
      assertThat(paxOf(out)).isEmpty();
      assertThat(TarNumbers.parse(out, 136, 12)).isEqualTo(seconds);
    } else {
      assertThat(paxOf(out)).containsExactly(new PaxRecord("mtime", pax));
    }
  }

  @Test
  void encode_headerOnlyTypes_writeSizeZero() {
    TarFixtures.Entry e = TarFixtures.of("d/", EntryType.DIRECTORY);
    e.size = 4096;

    assertThat(TarNumbers.parse(TarHeaderEncoder.encode(e.build()), 124, 12)).isZero();
  }

  @Test
  void encode_deviceNumbersBeyondOctal_useBase256() {
    TarFixtures.Entry e = TarFixtures.of("c", EntryType.CHAR_DEVICE);
    e.major = 1 << 21;
    e.minor = -1;

    byte[] h = TarHeaderEncoder.encode(e.build());

    assertThat(h).hasSize(512);
    assertThat(h[329] & 0xff).isEqualTo(0x80);
    assertThat(TarNumbers.parse(h, 329, 8)).isEqualTo(1 << 21);
    assertThat(TarNumbers.parse(h, 337, 8)).isEqualTo(0xffffffffL);
  }

  @Test
  void encode_allModeBits_areWrittenInOctal() {
    TarFixtures.Entry e = file("m", 0);
    e.mode = 07777;

    assertThat(TarNumbers.string(TarHeaderEncoder.encode(e.build()), 100, 8)).isEqualTo("0007777");
  }
}
