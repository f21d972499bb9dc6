package dev.flattar.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TarHeaderEncoder output read by commons-compress's TarArchiveInputStream. */
class TarRoundTripCommonsTest {

  static Stream<?> cases() {
    return RoundTripCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void commonsCompress_readsWhatTheEncoderWrote(RoundTripCases.Case c) throws Exception {
    List<TarArchiveEntry> read = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(c.archive()), "ISO-8859-1")) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        read.add(e);
        data.add(in.readAllBytes());
      }
    }

    assertThat(read).hasSameSizeAs(c.members());
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < read.size(); i++) {
      TarEntry want = c.members().get(i).entry();
      TarArchiveEntry got = read.get(i);
      // commons-compress decodes PAX values as UTF-8 whatever hdrcharset says, so a non-UTF-8
      // path or link can only be compared when it was stored in the ustar fields.
      if (RoundTripCases.isUtf8(want.name())) {
        soft.assertThat(got.getName()).as("name").isEqualTo(utf8(want.name()));
      }
      if (RoundTripCases.isUtf8(want.linkName())) {
        soft.assertThat(got.getLinkName()).as("link").isEqualTo(utf8(want.linkName()));
      }
      soft.assertThat(typeOf(got)).as("type").isEqualTo(want.type());
      soft.assertThat(got.getMode()).as("mode").isEqualTo(want.mode());
      soft.assertThat(got.getLongUserId()).as("uid").isEqualTo(want.uid());
      soft.assertThat(got.getLongGroupId()).as("gid").isEqualTo(want.gid());
      soft.assertThat(got.getUserName()).as("uname").isEqualTo(utf8(want.uname()));
      soft.assertThat(got.getGroupName()).as("gname").isEqualTo(utf8(want.gname()));
      soft.assertThat(got.getLastModifiedTime().toInstant())
          .as("mtime")
          .isEqualTo(Instant.ofEpochSecond(want.mtimeSeconds(), want.mtimeNanos()));
      soft.assertThat(got.getDevMajor()).as("devmajor").isEqualTo(want.devMajor());
      soft.assertThat(got.getDevMinor()).as("devminor").isEqualTo(want.devMinor());
      soft.assertThat(got.getSize()).as("size").isEqualTo(want.storedSize());
      soft.assertThat(data.get(i)).as("data").isEqualTo(c.members().get(i).data());
      Map<String, String> extra = got.getExtraPaxHeaders();
      for (PaxRecord r : want.extraPax()) {
        // An empty PAX value means "unset" to commons-compress; binary values are not UTF-8.
        if (!r.value().isEmpty() && RoundTripCases.isUtf8(r.value())) {
          soft.assertThat(extra).as("pax").containsEntry(r.key(), utf8(r.value()));
        } else if (!r.value().isEmpty()) {
          soft.assertThat(extra).as("pax").containsKey(r.key());
        }
      }
    }
    soft.assertAll();
  }

  private static EntryType typeOf(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return EntryType.SYMLINK;
    } else if (e.isLink()) {
      return EntryType.HARDLINK;
    } else if (e.isCharacterDevice()) {
      return EntryType.CHAR_DEVICE;
    } else if (e.isBlockDevice()) {
      return EntryType.BLOCK_DEVICE;
    } else if (e.isFIFO()) {
      return EntryType.FIFO;
    } else if (e.isDirectory()) {
      return EntryType.DIRECTORY;
    }
    return e.isFile() ? EntryType.FILE : null;
  }

  /** A Latin-1-carried byte string decoded as UTF-8, as commons-compress decodes names. */
  private static String utf8(String latin1) {
    return new String(
        latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
