package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.deepPath;
import static dev.flattar.tar.TarFixtures.repeat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives written by GNU tar in each of its formats, read by TarReader. */
class TarReaderGnuTarTest {
  static final long MTIME = 1_700_000_000L;

  @TempDir Path dir;
  Path src;

  @BeforeEach
  void setUp() throws Exception {
    src = Files.createDirectory(dir.resolve("src"));
  }

  /** Runs GNU tar in src with fixed owner and mtime; returns the archive bytes. */
  byte[] gnuTar(String format, String... members) throws Exception {
    List<String> args = new ArrayList<>(List.of("--format=" + format, "--no-recursion"));
    args.addAll(List.of("--owner=alice:1234", "--group=staff:4321", "--mtime=@" + MTIME));
    args.addAll(List.of("-cf", "../out.tar"));
    args.addAll(List.of(members));
    ExternalTools.tar(src, args.toArray(String[]::new));
    return Files.readAllBytes(dir.resolve("out.tar"));
  }

  void write(String path, String content, String mode) throws Exception {
    Path p = src.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    ExternalTools.run(src, "chmod", mode, path);
  }

  void mkdir(String path, String mode) throws Exception {
    Files.createDirectories(src.resolve(path));
    ExternalTools.run(src, "chmod", mode, path);
  }

  TarFixtures.Entry expect(String name, EntryType type, int mode, String format) {
    TarFixtures.Entry e = TarFixtures.of(name, type);
    e.mode = mode;
    e.uid = 1234;
    e.gid = 4321;
    boolean v7 = format.equals("v7");
    e.uname = v7 ? "" : "alice";
    e.gname = v7 ? "" : "staff";
    e.mtime = MTIME;
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix", "ustar", "v7"})
  void reader_gnuTarArchive_matchesTheTreeItWasGiven(String format) throws Exception {
    mkdir("dir", "2755");
    write("dir/file.txt", "hello\n", "640");
    write("dir/suid", "#!/bin/sh\n", "4755");
    mkdir("sticky", "1777");
    write("all", "x", "7777");
    Files.createLink(src.resolve("hard"), src.resolve("dir/file.txt"));
    Files.createSymbolicLink(src.resolve("sym"), Path.of("dir/file.txt"));
    List<String> members =
        new ArrayList<>(List.of("dir", "dir/file.txt", "dir/suid", "sticky", "all", "hard", "sym"));
    List<TarFixtures.Entry> want = new ArrayList<>();
    want.add(expect("dir/", EntryType.DIRECTORY, 02755, format));
    want.add(expect("dir/file.txt", EntryType.FILE, 0640, format));
    want.get(1).size = 6;
    want.add(expect("dir/suid", EntryType.FILE, 04755, format));
    want.get(2).size = 10;
    want.add(expect("sticky/", EntryType.DIRECTORY, 01777, format));
    want.add(expect("all", EntryType.FILE, 07777, format));
    want.get(4).size = 1;
    want.add(expect("hard", EntryType.HARDLINK, 0640, format));
    want.get(5).link = "dir/file.txt";
    want.add(expect("sym", EntryType.SYMLINK, 0777, format));
    want.get(6).link = "dir/file.txt";
    if (!format.equals("v7")) { // v7 has no FIFO type
      ExternalTools.run(src, "mkfifo", "-m", "600", "fifo");
      members.add("fifo");
      want.add(expect("fifo", EntryType.FIFO, 0600, format));
    }

    byte[] archive = gnuTar(format, members.toArray(String[]::new));
    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read.stream().map(TarReaderGnuTarTest::metadata))
        .containsExactlyElementsOf(want.stream().map(e -> metadata(e.build())).toList());
    assertThat(new String(TarFixtures.stored(archive, read.get(1)), UTF_8)).isEqualTo("hello\n");
    assertThat(new String(TarFixtures.stored(archive, read.get(2)), UTF_8))
        .isEqualTo("#!/bin/sh\n");
    assertThat(TarFixtures.stored(archive, read.get(4))).containsExactly('x');
  }

  /** Metadata with the location cleared and only xattrs kept of the PAX extras (not atime). */
  static TarEntry metadata(TarEntry e) {
    TarEntry u = TarFixtures.unlocated(e);
    return new TarEntry(
        u.name(),
        u.type(),
        u.mode(),
        u.uid(),
        u.gid(),
        u.uname(),
        u.gname(),
        u.mtimeSeconds(),
        u.mtimeNanos(),
        u.linkName(),
        u.devMajor(),
        u.devMinor(),
        u.size(),
        0,
        0,
        u.sparse(),
        u.extraPax().stream().filter(PaxRecord::isXattr).toList());
  }

  static Stream<Arguments> longNames() {
    List<Arguments> args = new ArrayList<>();
    for (String format : List.of("gnu", "posix")) {
      for (int length : new int[] {100, 101, 255, 256, 300, 1000, 3000}) {
        args.add(Arguments.of(format, deepPath(length)));
      }
    }
    args.add(Arguments.of("ustar", repeat('p', 50) + "/" + repeat('f', 50)));
    args.add(Arguments.of("ustar", repeat('p', 154) + "/" + repeat('f', 100)));
    args.add(Arguments.of("ustar", repeat('p', 155) + "/" + repeat('f', 99)));
    args.add(Arguments.of("ustar", "a/" + repeat('b', 150) + "/" + repeat('f', 99)));
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("longNames")
  void reader_longNames_areReadWhole(String format, String name) throws Exception {
    write(name, "data", "644");

    byte[] archive = gnuTar(format, name);
    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read).extracting(TarEntry::name).containsExactly(name);
    assertThat(read.get(0).size()).isEqualTo(4);
    assertThat(new String(TarFixtures.stored(archive, read.get(0)), UTF_8)).isEqualTo("data");
  }

  @ParameterizedTest(name = "{0} directory of {1} bytes")
  @CsvSource({"gnu, 150", "gnu, 1000", "posix, 150", "posix, 1000", "ustar, 150"})
  void reader_longDirectoryNames_keepTheirTrailingSlash(String format, int length)
      throws Exception {
    String name =
        length > 255 ? deepPath(length) : repeat('p', 60) + "/" + repeat('d', length - 61);
    mkdir(name, "755");

    TarEntry read = TarFixtures.readOnly(gnuTar(format, name));

    assertThat(read.name()).isEqualTo(name + "/");
    assertThat(read.type()).isEqualTo(EntryType.DIRECTORY);
  }

  @ParameterizedTest(name = "{0} target of {1} bytes")
  @MethodSource("longTargets")
  void reader_longSymlinkAndHardLinkTargets_areReadWhole(String format, int length)
      throws Exception {
    String target = deepPath(length);
    write(target, "t", "644");
    Files.createSymbolicLink(src.resolve("sym"), Path.of(target));
    Files.createLink(src.resolve("hard"), src.resolve(target));

    List<TarEntry> read = TarFixtures.readAll(gnuTar(format, target, "sym", "hard"));

    assertThat(read)
        .extracting(TarEntry::name, TarEntry::type, TarEntry::linkName, TarEntry::size)
        .containsExactly(
            tuple(target, EntryType.FILE, "", 1L),
            tuple("sym", EntryType.SYMLINK, target, 0L),
            tuple("hard", EntryType.HARDLINK, target, 0L));
  }

  static Stream<Arguments> longTargets() {
    return Stream.of(
        Arguments.of("ustar", 100),
        Arguments.of("gnu", 100),
        Arguments.of("gnu", 101),
        Arguments.of("gnu", 300),
        Arguments.of("gnu", 2000),
        Arguments.of("posix", 101),
        Arguments.of("posix", 300),
        Arguments.of("posix", 2000));
  }
}
