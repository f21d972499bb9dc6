package dev.flattar.tar;

import static dev.flattar.tar.ExternalTools.hex;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TarHeaderEncoder output listed and extracted by GNU tar, then checked with lstat. */
class TarRoundTripGnuTarTest {
  private static final Map<EntryType, Integer> S_IFMT =
      Map.of(
          EntryType.FILE, 0100000,
          EntryType.HARDLINK, 0100000,
          EntryType.DIRECTORY, 0040000,
          EntryType.SYMLINK, 0120000,
          EntryType.CHAR_DEVICE, 0020000,
          EntryType.BLOCK_DEVICE, 0060000,
          EntryType.FIFO, 0010000);

  @TempDir Path dir;

  static Stream<?> cases() {
    return RoundTripCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gnuTar_listsTheNamesTheEncoderWrote(RoundTripCases.Case c) throws Exception {
    Path archive = Files.write(dir.resolve("rt.tar"), c.archive());

    byte[] listing = ExternalTools.tar(dir, "--quoting-style=literal", "-tf", archive.toString());

    StringBuilder expected = new StringBuilder();
    c.members().forEach(m -> expected.append(m.entry().name()).append('\n'));
    assertThat(new String(listing, ISO_8859_1)).isEqualTo(expected.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gnuTar_verboseListingShowsModeOwnerAndDevice(RoundTripCases.Case c) throws Exception {
    Path archive = Files.write(dir.resolve("rt.tar"), c.archive());
    TarEntry e = c.last();

    String listing =
        new String(
            ExternalTools.tar(
                dir, "--quoting-style=literal", "--numeric-owner", "-tvf", archive.toString()),
            ISO_8859_1);
    String line = listing.lines().reduce((a, b) -> b).orElseThrow();

    assertThat(line).startsWith(modeString(e)).contains(" " + e.uid() + "/" + e.gid() + " ");
    if (e.type() == EntryType.CHAR_DEVICE || e.type() == EntryType.BLOCK_DEVICE) {
      assertThat(line).contains(" " + e.devMajor() + "," + e.devMinor() + " ");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gnuTar_extractsWhatTheEncoderWrote(RoundTripCases.Case c) throws Exception {
    if (c.traits() == RoundTripCases.Traits.HUGE_DEVICE) {
      // Linux device numbers have 12-bit majors, so mknod cannot make it: GNU tar lists it.
      TarEntry dev = c.last();
      Path archive = Files.write(dir.resolve("rt.tar"), c.archive());
      String listing = new String(ExternalTools.tar(dir, "-tvf", archive.toString()), ISO_8859_1);
      assertThat(listing).contains(dev.devMajor() + "," + dev.devMinor());
      return;
    }
    boolean root = ExternalTools.isRoot(dir);
    TarEntry last = c.last();
    boolean device = last.type() == EntryType.CHAR_DEVICE || last.type() == EntryType.BLOCK_DEVICE;
    assumeTrue(root || !device, "mknod needs root");
    assumeTrue(root || last.extraPax().isEmpty(), "security.* xattrs need root");
    Path archive = Files.write(dir.resolve("rt.tar"), c.archive());
    Path out = Files.createDirectory(dir.resolve("out"));

    List<String> args =
        new ArrayList<>(List.of("-x", "-p", "--xattrs", "--xattrs-include=*", "--numeric-owner"));
    args.addAll(List.of(root ? "--same-owner" : "--no-same-owner", "-f", archive.toString()));
    ExternalTools.tar(out, args.toArray(String[]::new));
    List<String> paths = new ArrayList<>();
    c.members().forEach(m -> paths.add(stripSlash(m.entry().name())));
    JsonNode stats = ExternalTools.pythonStat(out, paths);

    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < paths.size(); i++) {
      TarEntry e = c.members().get(i).entry();
      JsonNode st = stats.get(i);
      soft.assertThat(st.get("fmt").asInt()).as("file type").isEqualTo(S_IFMT.get(e.type()));
      if (e.type() == EntryType.HARDLINK) {
        soft.assertThat(st.get("ino").asLong())
            .as("inode")
            .isEqualTo(stats.get(0).get("ino").asLong());
        continue; // the rest is the target's metadata
      }
      if (e.type() != EntryType.SYMLINK) {
        soft.assertThat(st.get("mode").asInt()).as("mode").isEqualTo(e.mode());
      }
      if (root) {
        soft.assertThat(st.get("uid").asLong()).as("uid").isEqualTo(e.uid());
        soft.assertThat(st.get("gid").asLong()).as("gid").isEqualTo(e.gid());
      }
      soft.assertThat(st.get("mtime_ns").asText())
          .as("mtime")
          .isEqualTo(
              Long.toString(
                  Math.addExact(
                      Math.multiplyExact(e.mtimeSeconds(), 1_000_000_000L), e.mtimeNanos())));
      if (e.type() == EntryType.FILE) {
        soft.assertThat(st.get("data").asText())
            .as("data")
            .isEqualTo(hex(c.members().get(i).data()));
      }
      if (e.type() == EntryType.SYMLINK) {
        soft.assertThat(st.get("link").asText()).as("link").isEqualTo(hex(e.linkName()));
      }
      if (device) {
        soft.assertThat(st.get("major").asInt()).as("major").isEqualTo(e.devMajor());
        soft.assertThat(st.get("minor").asInt()).as("minor").isEqualTo(e.devMinor());
      }
      for (PaxRecord r : e.extraPax()) {
        String xattr = r.key().substring(PaxRecord.XATTR_PREFIX.length());
        soft.assertThat(st.get("xattrs").path(xattr).asText(null))
            .as("xattr " + xattr)
            .isEqualTo(hex(r.value()));
      }
    }
    soft.assertAll();
  }

  private static String stripSlash(String name) {
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }

  /** The "-rwsr-sr-t" column of GNU tar's verbose listing. */
  static String modeString(TarEntry e) {
    char kind =
        switch (e.type()) {
          case DIRECTORY -> 'd';
          case SYMLINK -> 'l';
          case HARDLINK -> 'h';
          case CHAR_DEVICE -> 'c';
          case BLOCK_DEVICE -> 'b';
          case FIFO -> 'p';
          case FILE -> '-';
        };
    int m = e.mode();
    char[] s = "rwxrwxrwx".toCharArray();
    for (int i = 0; i < 9; i++) {
      if ((m & (0400 >> i)) == 0) {
        s[i] = '-';
      }
    }
    s[2] = special(m, 04000, s[2], 's');
    s[5] = special(m, 02000, s[5], 's');
    s[8] = special(m, 01000, s[8], 't');
    return kind + new String(s);
  }

  private static char special(int mode, int bit, char current, char lower) {
    if ((mode & bit) == 0) {
      return current;
    }
    return current == '-' ? Character.toUpperCase(lower) : lower;
  }
}
