package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.bytes;
import static dev.flattar.tar.TarFixtures.deepPath;
import static dev.flattar.tar.TarFixtures.file;
import static dev.flattar.tar.TarFixtures.of;
import static dev.flattar.tar.TarFixtures.repeat;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Entries for the round-trip tests: each case is a small archive whose last member is the one under
 * test (a hard link case first adds its target).
 */
final class RoundTripCases {
  private RoundTripCases() {}

  record Member(TarEntry entry, byte[] data) {}

  record Case(List<Member> members, Traits traits) {
    TarEntry last() {
      return members.get(members.size() - 1).entry();
    }

    byte[] archive() {
      TarFixtures.Archive a = new TarFixtures.Archive();
      members.forEach(m -> a.add(m.entry(), m.data()));
      return a.finish();
    }
  }

  /** What some external readers or an unprivileged extraction cannot reproduce. */
  enum Traits {
    PLAIN,
    /** A device number beyond what Linux mknod accepts (base-256 in the header). */
    HUGE_DEVICE
  }

  static final String CAPABILITY =
      bytes(0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  static Stream<Named<Case>> all() {
    List<Named<Case>> cases = new ArrayList<>();
    add(cases, "plain file", file("hello.txt", 6), e -> {});
    add(cases, "non-UTF-8 name ff fe", file(bytes(0xff, 0xfe) + ".bin", 3), e -> {});
    add(cases, "non-UTF-8 bytes in a directory part", file("dir" + bytes(0xe9) + "/x", 1), e -> {});
    add(
        cases,
        "UTF-8 non-ASCII name",
        file(TarEntry.carrier("na\u00efve-\u65e5\u672c.txt"), 4),
        e -> {});
    add(cases, "name of exactly 100 bytes", file(repeat('n', 100), 1), e -> {});
    add(cases, "name of 101 bytes without slash", file(repeat('n', 101), 1), e -> {});
    add(
        cases,
        "name of 101 bytes split at a slash",
        file(repeat('d', 50) + "/" + repeat('f', 50), 1),
        e -> {});
    add(
        cases,
        "name of 155+1+100 bytes split",
        file(repeat('p', 155) + "/" + repeat('f', 100), 1),
        e -> {});
    add(
        cases,
        "name of 256 bytes not splittable",
        file(repeat('p', 156) + "/" + repeat('f', 99), 1),
        e -> {});
    add(cases, "name of 4000 bytes", file(deepPath(4000), 2), e -> {});
    add(
        cases,
        "directory with setgid and sticky",
        of("dir/", EntryType.DIRECTORY),
        e -> e.mode = 03755);
    add(cases, "all 12 mode bits", file("modes", 1), e -> e.mode = 07777);
    add(cases, "setuid only", file("suid", 1), e -> e.mode = 04711);
    add(cases, "symlink absolute", of("lib64", EntryType.SYMLINK), e -> e.link = "/usr/lib64");
    add(
        cases,
        "symlink target of 100 bytes",
        of("s100", EntryType.SYMLINK),
        e -> e.link = repeat('t', 100));
    add(
        cases,
        "symlink target of 300 bytes",
        of("s300", EntryType.SYMLINK),
        e -> e.link = deepPath(300));
    add(
        cases,
        "symlink non-UTF-8 target",
        of("sbin", EntryType.SYMLINK),
        e -> e.link = bytes(0xff, 0x41));
    add(
        cases,
        "UTF-8 symlink target",
        of("sutf", EntryType.SYMLINK),
        e -> e.link = TarEntry.carrier("\u00e9t\u00e9"));
    add(
        cases,
        "negative sub-second mtime",
        file("old", 1),
        e -> {
          e.mtime = -2;
          e.nanos = 500_000_000;
        });
    add(cases, "negative whole mtime", file("older", 1), e -> e.mtime = -86_400L * 365);
    add(cases, "sub-second mtime", file("nanos", 1), e -> e.nanos = 123_456_789);
    add(cases, "one nanosecond", file("onens", 1), e -> e.nanos = 1);
    add(cases, "mtime zero", file("epoch", 1), e -> e.mtime = 0);
    add(cases, "mtime beyond 11 octal digits", file("future", 1), e -> e.mtime = 1L << 33);
    add(
        cases,
        "uid and gid 2^21-1 (octal limit)",
        file("ids7", 1),
        e -> {
          e.uid = 2_097_151;
          e.gid = 2_097_151;
        });
    add(
        cases,
        "huge uid and gid",
        file("ids", 1),
        e -> {
          e.uid = 3_000_000;
          e.gid = 4_000_000_000L;
        });
    add(
        cases,
        "names for uid and gid",
        file("named", 1),
        e -> {
          e.uname = "alice";
          e.gname = "staff";
        });
    add(cases, "uname of 40 bytes", file("longuser", 1), e -> e.uname = repeat('u', 40));
    add(cases, "non-ASCII gname", file("gr", 1), e -> e.gname = TarEntry.carrier("gr\u00f6up"));
    add(cases, "hard link", of("link", EntryType.HARDLINK), e -> e.link = "hello.txt");
    add(
        cases,
        "char device",
        of("null", EntryType.CHAR_DEVICE),
        e -> {
          e.major = 1;
          e.minor = 3;
        });
    add(
        cases,
        "block device with large numbers",
        of("blk", EntryType.BLOCK_DEVICE),
        e -> {
          e.major = 4095;
          e.minor = 1_048_575;
        });
    add(cases, "fifo", of("pipe", EntryType.FIFO), e -> e.mode = 0600);
    add(
        cases,
        "xattrs incl. binary security.capability",
        file("cap", 2),
        e ->
            e.pax =
                List.of(
                    new PaxRecord("SCHILY.xattr.security.capability", CAPABILITY),
                    new PaxRecord("SCHILY.xattr.user.comment", "hello world"),
                    new PaxRecord("SCHILY.xattr.user.empty", "")));
    add(
        cases,
        "xattr on a directory",
        of("xdir/", EntryType.DIRECTORY),
        e -> e.pax = List.of(new PaxRecord("SCHILY.xattr.user.opaque", "y")));
    cases.add(
        Named.of(
            "device numbers beyond octal",
            caseOf(
                Traits.HUGE_DEVICE,
                with(
                    of("huge", EntryType.CHAR_DEVICE),
                    e -> {
                      e.major = 2_500_000;
                      e.minor = 3_000_000;
                    }))));
    return cases.stream();
  }

  private static void add(
      List<Named<Case>> cases,
      String label,
      TarFixtures.Entry e,
      Consumer<TarFixtures.Entry> edit) {
    TarFixtures.Entry entry = with(e, edit);
    List<TarFixtures.Entry> members = new ArrayList<>();
    if (entry.type == EntryType.HARDLINK) {
      members.add(file(entry.link, 6));
    }
    members.add(entry);
    cases.add(Named.of(label, caseOf(Traits.PLAIN, members.toArray(TarFixtures.Entry[]::new))));
  }

  private static TarFixtures.Entry with(TarFixtures.Entry e, Consumer<TarFixtures.Entry> edit) {
    edit.accept(e);
    return e;
  }

  private static Case caseOf(Traits traits, TarFixtures.Entry... entries) {
    List<Member> members = new ArrayList<>();
    for (TarFixtures.Entry e : entries) {
      byte[] data = new byte[(int) (e.type.hasData() ? e.size : 0)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) ('a' + (i * 7 + e.name.length()) % 26);
      }
      members.add(new Member(e.build(), data));
    }
    return new Case(List.copyOf(members), traits);
  }

  static boolean isUtf8(String carrier) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(carrier.getBytes(ISO_8859_1)));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
