package dev.flattar.tar;

import static dev.flattar.tar.ExternalTools.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Archives written by Python's tarfile (PAX, GNU, USTAR) read by TarReader. */
class TarReaderPythonTest {
  @TempDir Path dir;

  /** Writes a varied archive: argv = format, path, encoding. */
  private static final String PY_WRITE =
      """
      import io, sys, tarfile
      fmt = sys.argv[1]
      enc = sys.argv[3]
      F = dict(pax=tarfile.PAX_FORMAT, gnu=tarfile.GNU_FORMAT, ustar=tarfile.USTAR_FORMAT)[fmt]
      members = []
      def add(name, type=tarfile.REGTYPE, data=None, **kw):
          ti = tarfile.TarInfo(name)
          ti.type, ti.mtime, ti.mode, ti.uid, ti.gid = type, 1700000000, 0o644, 1000, 1001
          ti.uname, ti.gname = 'alice', 'staff'
          for k, v in kw.items():
              setattr(ti, k, v)
          members.append((ti, data))
      add('hello.txt', data=b'hello\\n', mode=0o7777)
      add('dir', tarfile.DIRTYPE, mode=0o2755)
      add('sticky', tarfile.DIRTYPE, mode=0o1777)
      add('sym', tarfile.SYMTYPE, linkname='hello.txt', mode=0o777)
      add('hard', tarfile.LNKTYPE, linkname='hello.txt')
      add('null', tarfile.CHRTYPE, devmajor=1, devminor=3)
      add('sda', tarfile.BLKTYPE, devmajor=259, devminor=1048575)
      add('fifo', tarfile.FIFOTYPE, mode=0o600)
      add('oldstyle', tarfile.AREGTYPE, data=b'v7')
      add('contiguous', tarfile.CONTTYPE, data=b'c' * 700)
      add('p' * 100 + '/' + 'f' * 99, data=b'split')
      add('zero', data=b'')
      if fmt in ('gnu', 'pax'):
          add('n' * 300, data=b'long')
          add('longsym', tarfile.SYMTYPE, linkname='t' * 300)
          add('bigids', data=b'x', uid=3000000, gid=2**32 - 2)
          add('negative', data=b'x', mtime=-86400)
      if fmt == 'gnu':
          add('bigdev', tarfile.CHRTYPE, devmajor=2**21 + 5, devminor=2**30)
      if fmt == 'pax':
          add('float', data=b'x', mtime=1700000000.25)
          add('longuser', data=b'x', uname='u' * 40, gname='gr\\u00f6up')
          add('na\\u00efve-\\u65e5\\u672c', data=b'utf8')
          add('caf\\udce9', data=b'binary name')
          add('xattrs', data=b'x', pax_headers={
              'SCHILY.xattr.user.comment': 'hi',
              'SCHILY.xattr.security.capability': b'\\x01\\x00\\x00\\x02\\xff'.decode(
                  'utf-8', 'surrogateescape')})
      if enc == 'latin-1':
          add('\\xff\\xfe', data=b'ff fe')
          add('d\\xe9j\\xe0/x', data=b'latin')
      with tarfile.open(sys.argv[2], 'w', format=F, encoding=enc, errors='surrogateescape') as t:
          for ti, data in members:
              if data is None:
                  t.addfile(ti)
              else:
                  ti.size = len(data)
                  t.addfile(ti, io.BytesIO(data))
      """;

  private static final Map<String, EntryType> TYPES =
      Map.of(
          "0", EntryType.FILE,
          "\0", EntryType.FILE,
          "7", EntryType.FILE,
          "1", EntryType.HARDLINK,
          "2", EntryType.SYMLINK,
          "3", EntryType.CHAR_DEVICE,
          "4", EntryType.BLOCK_DEVICE,
          "5", EntryType.DIRECTORY,
          "6", EntryType.FIFO);

  private byte[] pythonArchive(String format, String encoding) throws Exception {
    Path archive = dir.resolve(format + ".tar");
    ExternalTools.python(dir, PY_WRITE, format, archive.toString(), encoding);
    return Files.readAllBytes(archive);
  }

  @ParameterizedTest(name = "{0} with {1} names")
  @CsvSource({
    "pax, utf-8",
    "gnu, utf-8",
    "ustar, utf-8",
    "pax, latin-1",
    "gnu, latin-1",
    "ustar, latin-1"
  })
  void reader_pythonArchive_matchesPythonsOwnReading(String format, String encoding)
      throws Exception {
    byte[] archive = pythonArchive(format, encoding);
    JsonNode python = ExternalTools.pythonRead(dir.resolve(format + ".tar"));

    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read).hasSize(python.size());
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < read.size(); i++) {
      TarEntry e = read.get(i);
      JsonNode py = python.get(i);
      String name = e.type().isDirectory() ? e.name().replaceAll("/$", "") : e.name();
      String at = TarEntry.display(name) + ": ";
      soft.assertThat(hex(name)).as(at + "name").isEqualTo(py.get("name").asText());
      soft.assertThat(e.type()).as(at + "type").isEqualTo(TYPES.get(py.get("type").asText()));
      soft.assertThat(e.mode()).as(at + "mode").isEqualTo(py.get("mode").asInt());
      soft.assertThat(e.uid()).as(at + "uid").isEqualTo(py.get("uid").asLong());
      soft.assertThat(e.gid()).as(at + "gid").isEqualTo(py.get("gid").asLong());
      soft.assertThat(hex(e.uname())).as(at + "uname").isEqualTo(py.get("uname").asText());
      soft.assertThat(hex(e.gname())).as(at + "gname").isEqualTo(py.get("gname").asText());
      soft.assertThat(new long[] {e.mtimeSeconds(), e.mtimeNanos()})
          .as(at + "mtime")
          .isEqualTo(PaxTime.parse(py.get("mtime").asText()));
      soft.assertThat(hex(e.linkName())).as(at + "link").isEqualTo(py.get("linkname").asText());
      soft.assertThat(e.devMajor()).as(at + "major").isEqualTo(py.get("devmajor").asInt());
      soft.assertThat(e.devMinor()).as(at + "minor").isEqualTo(py.get("devminor").asInt());
      soft.assertThat(e.size()).as(at + "size").isEqualTo(py.get("size").asLong());
      if (e.type() == EntryType.FILE) {
        soft.assertThat(hex(TarFixtures.stored(archive, e)))
            .as(at + "data")
            .isEqualTo(py.get("data").asText());
      }
      Map<String, String> pyXattrs =
          py.get("pax").properties().stream()
              .filter(p -> p.getKey().startsWith(PaxRecord.XATTR_PREFIX))
              .collect(Collectors.toMap(Map.Entry::getKey, p -> p.getValue().asText()));
      soft.assertThat(
              e.extraPax().stream()
                  .filter(PaxRecord::isXattr)
                  .collect(Collectors.toMap(PaxRecord::key, r -> hex(r.value()))))
          .as(at + "xattrs")
          .isEqualTo(pyXattrs);
    }
    soft.assertAll();
  }

  @Test
  void reader_pythonPaxArchive_hasTheValuesPythonWasTold() throws Exception {
    Map<String, TarEntry> byName =
        TarFixtures.readAll(pythonArchive("pax", "utf-8")).stream()
            .collect(Collectors.toMap(TarEntry::name, e -> e));

    assertThat(byName.get("float").mtimeSeconds()).isEqualTo(1_700_000_000L);
    assertThat(byName.get("float").mtimeNanos()).isEqualTo(250_000_000);
    assertThat(byName.get("negative").mtimeSeconds()).isEqualTo(-86_400L);
    assertThat(byName.get("bigids").uid()).isEqualTo(3_000_000L);
    assertThat(byName.get("bigids").gid()).isEqualTo(4_294_967_294L);
    assertThat(byName.get("longuser").uname()).isEqualTo("u".repeat(40));
    assertThat(byName.get("longuser").gname()).isEqualTo(TarEntry.carrier("gr\u00f6up"));
    assertThat(byName).containsKey(TarEntry.carrier("na\u00efve-\u65e5\u672c"));
    assertThat(byName).containsKey("caf" + TarFixtures.bytes(0xe9));
    assertThat(byName.get("longsym").linkName()).isEqualTo("t".repeat(300));
    assertThat(byName.get("xattrs").extraPax())
        .contains(
            new PaxRecord("SCHILY.xattr.security.capability", TarFixtures.bytes(1, 0, 0, 2, 0xff)));
    assertThat(byName.get("dir/").mode()).isEqualTo(02755);
    assertThat(byName.get("hello.txt").mode()).isEqualTo(07777);
    assertThat(byName.get("sda").devMajor()).isEqualTo(259);
    assertThat(byName.get("sda").devMinor()).isEqualTo(1_048_575);
  }

  @Test
  void reader_pythonGnuArchive_readsBase256AndLatin1Names() throws Exception {
    Map<String, TarEntry> byName =
        TarFixtures.readAll(pythonArchive("gnu", "latin-1")).stream()
            .collect(Collectors.toMap(TarEntry::name, e -> e));

    assertThat(byName.get("bigids").uid()).isEqualTo(3_000_000L);
    assertThat(byName.get("bigids").gid()).isEqualTo(4_294_967_294L);
    assertThat(byName.get("negative").mtimeSeconds()).isEqualTo(-86_400L);
    assertThat(byName.get("bigdev").devMajor()).isEqualTo((1 << 21) + 5);
    assertThat(byName.get("bigdev").devMinor()).isEqualTo(1 << 30);
    assertThat(byName.get("n".repeat(300)).size()).isEqualTo(4);
    assertThat(byName)
        .containsKeys(
            TarFixtures.bytes(0xff, 0xfe),
            "d" + TarFixtures.bytes(0xe9) + "j" + TarFixtures.bytes(0xe0) + "/x");
  }
}
