package dev.flattar.tar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GNU tar archives with ids, times, devices and xattrs beyond plain ustar, read by TarReader. */
class TarReaderGnuTarExtrasTest {
  @TempDir Path dir;
  Path src;

  @BeforeEach
  void setUp() throws Exception {
    src = Files.createDirectory(dir.resolve("src"));
  }

  byte[] gnuTar(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--no-recursion", "-cf", "../out.tar"));
    all.add("f");
    ExternalTools.tar(src, all.toArray(String[]::new));
    return Files.readAllBytes(dir.resolve("out.tar"));
  }

  @ParameterizedTest(name = "{0} uid {1} gid {2}")
  @CsvSource({
    "gnu, 2097151, 2097151",
    "gnu, 2097152, 3000000",
    "gnu, 3000000, 4000000000",
    "posix, 2097152, 3000000",
    "posix, 3000000, 4000000000",
    "ustar, 2097151, 0"
  })
  void reader_uidAndGidBeyondOctal_areRead(String format, long uid, long gid) throws Exception {
    Files.writeString(src.resolve("f"), "x");

    TarEntry named =
        TarFixtures.readOnly(
            gnuTar("--format=" + format, "--owner=big:" + uid, "--group=huge:" + gid));
    TarEntry numeric =
        TarFixtures.readOnly(
            gnuTar("--format=" + format, "--owner=:" + uid, "--group=:" + gid, "--numeric-owner"));

    assertThat(named.uid()).isEqualTo(uid);
    assertThat(named.gid()).isEqualTo(gid);
    assertThat(named.uname()).isEqualTo("big");
    assertThat(named.gname()).isEqualTo("huge");
    assertThat(numeric.uid()).isEqualTo(uid);
    assertThat(numeric.gid()).isEqualTo(gid);
    assertThat(numeric.uname()).isEmpty();
  }

  @ParameterizedTest(name = "{0} touched to {1}")
  @CsvSource({
    "posix, 1700000000.123456789, 1700000000, 123456789",
    "posix, 1700000000.000000001, 1700000000, 1",
    "posix, 1700000000,           1700000000, 0",
    "posix, -1000000000.25,       -1000000001, 750000000",
    "posix, -1,                   -1, 0",
    "posix, 0,                    0, 0",
    "gnu,   1700000000.987654321, 1700000000, 0",
    "gnu,   -1000000000.25,       -1000000001, 0",
    "gnu,   -1,                   -1, 0",
    "ustar, 8589934591,           8589934591, 0",
    "v7,    1700000000.5,         1700000000, 0"
  })
  void reader_mtimes_keepSecondsAndNanosAsWritten(
      String format, String touched, long seconds, int nanos) throws Exception {
    Files.writeString(src.resolve("f"), "x");
    ExternalTools.run(src, "touch", "-d", "@" + touched, "f");

    TarEntry e = TarFixtures.readOnly(gnuTar("--format=" + format));

    assertThat(e.mtimeSeconds()).isEqualTo(seconds);
    assertThat(e.mtimeNanos()).isEqualTo(nanos);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix", "ustar"})
  void reader_devices_keepMajorAndMinor(String format) throws Exception {
    assumeTrue(ExternalTools.isRoot(dir), "mknod needs root");
    ExternalTools.run(src, "mknod", "-m", "620", "chr", "c", "136", "1048575");
    ExternalTools.run(src, "mknod", "-m", "660", "blk", "b", "4095", "7");
    ExternalTools.tar(src, "--format=" + format, "-cf", "../out.tar", "chr", "blk");

    List<TarEntry> read = TarFixtures.readAll(Files.readAllBytes(dir.resolve("out.tar")));

    assertThat(read)
        .extracting(
            TarEntry::name,
            TarEntry::type,
            TarEntry::mode,
            TarEntry::devMajor,
            TarEntry::devMinor,
            TarEntry::size)
        .containsExactly(
            tuple("chr", EntryType.CHAR_DEVICE, 0620, 136, 1048575, 0L),
            tuple("blk", EntryType.BLOCK_DEVICE, 0660, 4095, 7, 0L));
  }

  @Test
  void reader_gnuTarXattrs_becomeSchilyPaxRecords() throws Exception {
    assumeTrue(
        ExternalTools.userXattrsWork(dir), "the temp dir's filesystem refuses user.* xattrs");
    Path f = Files.writeString(src.resolve("f"), "x");
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
    view.write("comment", ByteBuffer.wrap("hello".getBytes(UTF_8)));
    view.write("bin", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff, '\n', '='}));

    TarEntry e = TarFixtures.readOnly(gnuTar("--format=posix", "--xattrs"));

    assertThat(e.extraPax())
        .filteredOn(PaxRecord::isXattr)
        .containsExactlyInAnyOrder(
            new PaxRecord("SCHILY.xattr.user.comment", "hello"),
            new PaxRecord("SCHILY.xattr.user.bin", TarFixtures.bytes(0, 1, 0xff, '\n', '=')));
  }

  @Test
  void reader_securityCapabilityAndTrustedOverlay_areKeptByteForByte() throws Exception {
    assumeTrue(ExternalTools.isRoot(dir), "security.* and trusted.* xattrs need root");
    Files.writeString(src.resolve("f"), "x");
    String cap = ExternalTools.hex(RoundTripCases.CAPABILITY);
    ExternalTools.python(
        src,
        "import os, sys\n"
            + "os.setxattr('f', 'security.capability', bytes.fromhex(sys.argv[1]))\n"
            + "os.setxattr('f', 'trusted.overlay.opaque', b'y')\n",
        cap);
    byte[] archive = gnuTar("--format=posix", "--xattrs", "--xattrs-include=*");
    Path out = Files.write(dir.resolve("copy.tar"), archive);
    assertThat(
            ExternalTools.pythonRead(out)
                .get(0)
                .get("pax")
                .has("SCHILY.xattr.trusted.overlay.opaque"))
        .as("GNU tar stored the trusted.overlay xattr")
        .isTrue();

    TarEntry e = TarFixtures.readOnly(archive);

    assertThat(e.extraPax())
        .filteredOn(PaxRecord::isXattr)
        .containsExactlyInAnyOrder(
            new PaxRecord("SCHILY.xattr.security.capability", RoundTripCases.CAPABILITY),
            new PaxRecord("SCHILY.xattr.trusted.overlay.opaque", "y"));
  }
}
