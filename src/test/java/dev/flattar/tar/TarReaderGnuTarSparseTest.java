package dev.flattar.tar;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sparse files written by GNU tar (old GNU 'S' headers, PAX sparse 0.0, 0.1 and 1.0) are read as
 * plain files: logical size, and content expanded through the map equal to the original file.
 */
class TarReaderGnuTarSparseTest {
  @TempDir Path dir;
  Path src;

  @BeforeEach
  void setUp() throws Exception {
    src = Files.createDirectory(dir.resolve("src"));
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("old GNU", List.of("--format=gnu")),
        Arguments.of("PAX 0.0", List.of("--format=posix", "--sparse-version=0.0")),
        Arguments.of("PAX 0.1", List.of("--format=posix", "--sparse-version=0.1")),
        Arguments.of("PAX 1.0", List.of("--format=posix", "--sparse-version=1.0")));
  }

  /** Writes {@code count} 100-byte runs, one every {@code stride} bytes, in a file of size. */
  Path sparseFile(String name, int count, int stride, long size) throws Exception {
    Path p = src.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      for (int i = 0; i < count; i++) {
        f.seek((long) i * stride);
        byte[] run = new byte[100];
        Arrays.fill(run, (byte) ('A' + i % 26));
        f.write(run);
      }
      f.setLength(size);
    }
    return p;
  }

  /** Whether the filesystem really kept holes (otherwise GNU tar has nothing sparse to store). */
  boolean hasHoles(Path p) throws Exception {
    String blocks = new String(ExternalTools.run(src, "stat", "-c", "%b %B", p.toString()));
    String[] parts = blocks.trim().split(" ");
    return Long.parseLong(parts[0]) * Long.parseLong(parts[1]) < Files.size(p);
  }

  List<TarEntry> archiveAndRead(List<String> format, String... names) throws Exception {
    List<String> args = new ArrayList<>(format);
    args.addAll(List.of("--sparse", "-cf", "../out.tar"));
    args.addAll(List.of(names));
    ExternalTools.tar(src, args.toArray(String[]::new));
    return TarFixtures.readAll(Files.readAllBytes(dir.resolve("out.tar")));
  }

  void assertSameContent(TarEntry e, Path original) throws Exception {
    byte[] archive = Files.readAllBytes(dir.resolve("out.tar"));
    assertThat(e.type()).isEqualTo(EntryType.FILE);
    assertThat(e.size()).isEqualTo(Files.size(original));
    if (e.isSparse()) {
      assertThat(e.sparse().storedBytes()).isEqualTo(e.storedSize());
    }
    assertThat(TarFixtures.content(archive, e)).isEqualTo(Files.readAllBytes(original));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void reader_sparseFile_expandsToTheOriginalContent(String label, List<String> format)
      throws Exception {
    Path sp = sparseFile("sp", 3, 1 << 20, 4 << 20);
    assumeTrue(hasHoles(sp), "the temp dir's filesystem does not keep holes");
    Files.writeString(src.resolve("after"), "after the sparse file");

    List<TarEntry> read = archiveAndRead(format, "sp", "after");

    assertThat(read).extracting(TarEntry::name).containsExactly("sp", "after");
    assertThat(read.get(0).isSparse()).isTrue();
    assertThat(read.get(0).storedSize()).isLessThan(read.get(0).size());
    assertSameContent(read.get(0), sp);
    assertThat(read.get(1).isSparse()).isFalse();
    assertSameContent(read.get(1), src.resolve("after"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void reader_sparseFileWithManySegments_readsExtendedMaps(String label, List<String> format)
      throws Exception {
    // 30 runs need the old GNU format's extension blocks (4 in the header, 21 per block) and a
    // multi-block map for PAX 1.0.
    Path sp = sparseFile("many", 30, 65536, 30 * 65536 + 4096);
    Path hole = sparseFile("hole", 0, 1, 1 << 20);
    assumeTrue(hasHoles(sp) && hasHoles(hole), "the temp dir's filesystem does not keep holes");

    List<TarEntry> read = archiveAndRead(format, "many", "hole");

    assertThat(read).extracting(TarEntry::name).containsExactly("many", "hole");
    assertThat(read.get(0).sparse().segments().size()).isGreaterThanOrEqualTo(30);
    assertSameContent(read.get(0), sp);
    assertThat(read.get(1).storedSize()).isZero();
    assertSameContent(read.get(1), hole);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void reader_sparseFileWithDataAtBothEnds_expands(String label, List<String> format)
      throws Exception {
    Path sp = src.resolve("ends");
    try (RandomAccessFile f = new RandomAccessFile(sp.toFile(), "rw")) {
      f.write("start".getBytes(US_ASCII));
      f.seek((2 << 20) - 3);
      f.write("end".getBytes(US_ASCII));
    }
    assumeTrue(hasHoles(sp), "the temp dir's filesystem does not keep holes");

    List<TarEntry> read = archiveAndRead(format, "ends");

    assertThat(read.get(0).isSparse()).isTrue();
    assertSameContent(read.get(0), sp);
  }
}
