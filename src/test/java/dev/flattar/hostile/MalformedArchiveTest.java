package dev.flattar.hostile;

import static dev.flattar.hostile.RawTar.archive;
import static dev.flattar.hostile.RawTar.base256Header;
import static dev.flattar.hostile.RawTar.concat;
import static dev.flattar.hostile.RawTar.header;
import static dev.flattar.hostile.RawTar.member;
import static dev.flattar.hostile.RawTar.pax;
import static dev.flattar.testing.Member.file;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Archives;
import dev.flattar.testing.Bytes;
import dev.flattar.testing.Layers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken outer archives: each is refused with one line naming the input, what is wrong and where
 * (the byte offset), exit status 1 and no output file. Complements faults/BadInputTest.
 */
class MalformedArchiveTest {
  @TempDir Path tmp;

  static final byte[] LAYER = Layers.tar(file("a", "a".repeat(3000)), file("b", "b"));
  static final byte[] GOOD = Hostile.docker(LAYER);
  static final String LONG_NAME = "d".repeat(120) + "/file";

  static Stream<Arguments> brokenArchives() {
    byte[] random = new byte[10_000];
    new Random(7).nextBytes(random);
    random[0] = 'r'; // not a compression magic
    byte[] longNamed = Archives.tar(Map.of(LONG_NAME, new byte[10]), Map.of());
    int end = endOfMembers(GOOD);
    int manifestHeader = Bytes.indexOf(GOOD, "manifest.json\0".getBytes(US_ASCII));
    int configData = Bytes.indexOf(GOOD, "{\"architecture\"".getBytes(US_ASCII));
    int configEnd = configData;
    while (GOOD[configEnd] != 0) {
      configEnd++; // the config's data is followed by zero padding
    }
    return Stream.of(
        broken("random bytes", random, "in.tar: bad tar header checksum at offset 0"),
        broken(
            "a zip file",
            concat("PK\3\4".getBytes(US_ASCII), new byte[700]),
            "in.tar: bad tar header checksum at offset 0 (header says 0, computed"),
        broken("only zero blocks", new byte[10240], "in.tar: no tar members found"),
        broken(
            "shorter than one header",
            "x".repeat(100).getBytes(US_ASCII),
            "in.tar: archive ends inside a header at offset 0 (100 of 512 bytes)"),
        broken(
            "gzip-compressed text",
            Layers.gzip("not a tar\n".repeat(100).getBytes(US_ASCII)),
            "in.tar: bad tar header checksum at offset 0"),
        broken(
            "a gzip-compressed archive cut short",
            Arrays.copyOf(Layers.gzip(GOOD), Layers.gzip(GOOD).length / 2),
            "in.tar: truncated gzip data"),
        broken(
            "a zstd-compressed archive cut short",
            Arrays.copyOf(Layers.zstd(GOOD), Layers.zstd(GOOD).length / 2),
            "in.tar: truncated zstd data"),
        broken(
            "cut right after the first header",
            Arrays.copyOf(GOOD, 512),
            "in.tar: archive ends inside member data at offset 512: expected",
            "got 0"),
        broken(
            "cut inside the padding after a member",
            Arrays.copyOf(GOOD, configEnd + 5),
            "in.tar: archive ends inside member data at offset " + configData),
        broken(
            "cut inside a PAX header's records",
            Arrays.copyOf(longNamed, 512 + 20),
            "in.tar: archive ends inside the extended header at offset 0"),
        broken(
            "cut right after a PAX header",
            Arrays.copyOf(longNamed, 1024),
            "in.tar: archive ends after an extended header at offset 1024"),
        broken(
            "cut inside the end-of-archive blocks",
            Arrays.copyOf(GOOD, end + 512 + 100),
            "in.tar: archive ends inside a header at offset " + (end + 512) + " (100 of 512"),
        broken(
            "a bad checksum in the last header",
            flip(GOOD, manifestHeader + 3),
            "in.tar: bad tar header checksum at offset " + manifestHeader),
        broken(
            "a blank checksum field",
            blankChecksum(GOOD),
            "in.tar: bad tar header checksum at offset 0 (header says 0, computed"),
        broken(
            "a negative size",
            archive(base256Header("manifest.json", '0', -1)),
            "in.tar: negative size in tar header at offset 0"),
        broken(
            "a size of 2^62 bytes",
            archive(base256Header("manifest.json", '0', 1L << 62)),
            "in.tar: archive ends inside member data at offset 512: expected 4611686018427387904"),
        broken(
            "a size of 2^63-1 bytes",
            archive(base256Header("manifest.json", '0', Long.MAX_VALUE), member("x", new byte[1])),
            "in.tar: entry 'manifest.json' at offset 0 claims 9223372036854775807 bytes"),
        broken(
            "a size field that is not octal",
            archive(sizeField(header("manifest.json", '0', 0), "00000000009")),
            "in.tar: bad size field in tar header at offset 0"),
        broken(
            "a PAX header claiming 1 TiB",
            archive(base256Header("PaxHeaders/x", 'x', 1L << 40)),
            "in.tar: extended header at offset 0 claims 1099511627776 bytes (limit 1048576)"),
        broken(
            "a PAX record claiming a huge length",
            archive(pax("99999999999999 path=x\n"), member("x", new byte[1])),
            "in.tar at offset 0: malformed PAX record at byte 0"),
        broken(
            "a GNU long name claiming 1 TiB",
            archive(base256Header("././@LongLink", 'L', 1L << 40)),
            "in.tar: extended header at offset 0 claims 1099511627776 bytes (limit 1048576)"),
        broken(
            "an unknown member type",
            archive(header("manifest.json", 'Z', 0)),
            "in.tar: entry 'manifest.json' at offset 0 has unsupported type 'Z'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenArchives")
  void brokenArchive_isRefusedNamingWhatAndWhere(byte[] archive, String[] fragments) {
    assertThat(Hostile.refused(tmp, archive)).contains(fragments);
  }

  private static Arguments broken(String what, byte[] archive, String... fragments) {
    return Arguments.of(Named.of(what, archive), fragments);
  }

  /** Where the end-of-archive blocks start: after manifest.json, the last member. */
  private static int endOfMembers(byte[] archive) {
    int manifest = Bytes.indexOf(archive, "manifest.json\0".getBytes(US_ASCII));
    int data = manifest + 512;
    int length = 0;
    while (archive[data + length] != 0) {
      length++;
    }
    return data + (length + 511) / 512 * 512;
  }

  private static byte[] flip(byte[] archive, int at) {
    byte[] copy = archive.clone();
    copy[at] ^= 1;
    return copy;
  }

  private static byte[] blankChecksum(byte[] archive) {
    byte[] copy = archive.clone();
    Arrays.fill(copy, 148, 156, (byte) ' ');
    return copy;
  }

  private static byte[] sizeField(byte[] header, String digits) {
    System.arraycopy(digits.getBytes(US_ASCII), 0, header, 124, digits.length());
    return RawTar.checksum(header);
  }
}
