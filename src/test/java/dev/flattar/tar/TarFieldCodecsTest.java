package dev.flattar.tar;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small codecs under the reader and encoder: PAX times, PAX records, numeric fields. */
class TarFieldCodecsTest {

  @ParameterizedTest(name = "\"{0}\" -> {1} s {2} ns")
  @CsvSource({
    "0, 0, 0",
    "1700000000, 1700000000, 0",
    "1700000000.5, 1700000000, 500000000",
    "1700000000.123456789, 1700000000, 123456789",
    "1700000000.1234567891234, 1700000000, 123456789",
    "1700000000., 1700000000, 0",
    "-1, -1, 0",
    "-1.5, -2, 500000000",
    "-0.25, -1, 750000000",
    "-1000000000.25, -1000000001, 750000000",
    "000012, 12, 0"
  })
  void paxTime_parse_givesSecondsAndNonNegativeNanos(String text, long seconds, long nanos) {
    assertThat(PaxTime.parse(text)).containsExactly(seconds, nanos);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "-", ".5", "1e9", "+1", "1.2.3", " 1", "1 ", "0x10", "1234567890123456789"})
  void paxTime_parse_rejectsWhatIsNotATime(String text) {
    assertThat(PaxTime.parse(text)).isNull();
  }

  @ParameterizedTest(name = "{0} s {1} ns -> \"{2}\"")
  @CsvSource({
    "0, 0, 0",
    "1700000000, 500000000, 1700000000.5",
    "1700000000, 1, 1700000000.000000001",
    "1700000000, 120000000, 1700000000.12",
    "-2, 500000000, -1.5",
    "-1, 999999999, -0.000000001",
    "-1, 0, -1"
  })
  void paxTime_format_trimsTrailingZerosAndRoundTrips(long seconds, int nanos, String text) {
    assertThat(PaxTime.format(seconds, nanos)).isEqualTo(text);
    assertThat(PaxTime.parse(text)).containsExactly(seconds, nanos);
  }

  @ParameterizedTest(name = "value of {0} bytes")
  @ValueSource(
      ints = {0, 1, 2, 3, 85, 86, 87, 88, 89, 90, 983, 984, 985, 986, 9980, 9981, 99979, 99980})
  void paxRecords_lengthPrefixCountsItself_atEveryDigitBoundary(int valueLength) throws Exception {
    PaxRecord r = new PaxRecord("path", "v".repeat(valueLength));

    byte[] data = PaxRecords.format(List.of(r));
    String text = new String(data, ISO_8859_1);

    assertThat(Integer.parseInt(text.substring(0, text.indexOf(' ')))).isEqualTo(data.length);
    assertThat(PaxRecords.parse(data, "t")).containsExactly(r);
  }

  @Test
  void paxRecords_keepBinaryValuesNewlinesAndEquals() throws Exception {
    List<PaxRecord> records =
        List.of(
            new PaxRecord("SCHILY.xattr.security.capability", TarFixtures.bytes(1, 0, 0xff, 0x80)),
            new PaxRecord("SCHILY.xattr.user.multi", "line\nbreak=and equals\n"),
            new PaxRecord("comment", ""));

    assertThat(PaxRecords.parse(PaxRecords.format(records), "t")).isEqualTo(records);
  }

  @Test
  void paxRecords_parse_stopsAtNulPadding() throws Exception {
    byte[] data = Arrays.copyOf(TarFixtures.paxData("path", "a"), 100);

    assertThat(PaxRecords.parse(data, "t")).containsExactly(new PaxRecord("path", "a"));
  }

  private static byte[] field(String text, int length) {
    byte[] b = new byte[length];
    byte[] t = text.getBytes(ISO_8859_1);
    System.arraycopy(t, 0, b, 0, t.length);
    return b;
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0000644     | 420
          '  644 '    | 420
          77777777777 | 8589934591
          ''          | 0
          '      '    | 0
          """)
  void tarNumbers_parse_readsOctalPaddedWithSpacesOrNuls(String text, long value) {
    assertThat(TarNumbers.parse(field(text, 12), 0, 12)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8", "12 34", "-1", "0x1", "777777777777777777777777"})
  void tarNumbers_parse_flagsWhatIsNotANumber(String text) {
    byte[] b = field(text, Math.max(12, text.length()));

    assertThat(TarNumbers.parse(b, 0, b.length)).isEqualTo(Long.MIN_VALUE);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 255, 256, 1L << 33, 1L << 55, -1, -2, -256, Long.MIN_VALUE / 512})
  void tarNumbers_base256_roundTrips(long value) {
    byte[] b = new byte[12];
    TarNumbers.formatBase256(b, 0, 12, value);

    assertThat(b[0] & 0x80).isEqualTo(0x80);
    assertThat(TarNumbers.parse(b, 0, 12)).isEqualTo(value);
  }

  @Test
  void tarNumbers_base256_tooLargeForALong_isFlagged() {
    byte[] b = new byte[12];
    Arrays.fill(b, (byte) 0x7f);
    b[0] = (byte) 0x80;
    b[1] = (byte) 0x01;

    assertThat(TarNumbers.parse(b, 0, 12)).isEqualTo(Long.MIN_VALUE);
  }

  @ParameterizedTest(name = "{0} in {1} bytes fits: {2}")
  @CsvSource({
    "0, 8, true",
    "2097151, 8, true",
    "2097152, 8, false",
    "-1, 8, false",
    "8589934591, 12, true",
    "8589934592, 12, false"
  })
  void tarNumbers_formatOctal_reportsWhetherTheValueFits(long value, int length, boolean fits) {
    byte[] b = new byte[length];

    assertThat(TarNumbers.formatOctal(b, 0, length, value)).isEqualTo(fits);
    if (fits) {
      assertThat(b[length - 1]).isZero();
      assertThat(TarNumbers.parse(b, 0, length)).isEqualTo(value);
    }
  }

  @Test
  void tarNumbers_string_stopsAtNulAndKeepsHighBytes() {
    byte[] b = {'a', (byte) 0xff, 'b', 0, 'c'};

    assertThat(TarNumbers.string(b, 0, 5)).isEqualTo("a" + TarFixtures.bytes(0xff) + "b");
    assertThat(TarNumbers.string(b, 0, 2)).isEqualTo("a" + TarFixtures.bytes(0xff));
  }

  @Test
  void tarEntry_carrierAndDisplay_roundTripText() {
    String text = "caf\u00e9/\u65e5\u672c";

    assertThat(TarEntry.carrier(text)).hasSize(text.getBytes(UTF_8).length);
    assertThat(TarEntry.display(TarEntry.carrier(text))).isEqualTo(text);
    assertThat(TarEntry.display(TarFixtures.bytes(0x61, 0xff))).isEqualTo("a\ufffd");
  }

  @Test
  void tarEntry_display_escapesControlCharacters() {
    String name = TarEntry.carrier("a\nb\rc\td\u001b[31me\u007ff\u0085g");

    assertThat(TarEntry.display(name)).isEqualTo("a\\nb\\rc\\td\\x1b[31me\\x7ff\\x85g");
  }
}
