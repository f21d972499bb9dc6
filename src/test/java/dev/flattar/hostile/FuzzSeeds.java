package dev.flattar.hostile;

import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.hardlink;
import static dev.flattar.testing.Member.symlink;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.flattar.io.Compression;
import dev.flattar.testing.Archives;
import dev.flattar.testing.Archives.Layout;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the seed inputs of the fuzz tests (committed under src/test/resources, small): layer
 * stacks that touch each merge rule and tar extension, and small archives in each layout. Run
 * {@code main} with the test resources directory to regenerate them; the testdata samples are
 * copied in beside them by hand.
 */
final class FuzzSeeds {
  private FuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    Path resources = Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/flattar/hostile");
    write(resources.resolve("LayerFuzzTestInputs/layer"), layers());
    write(resources.resolve("ArchiveFuzzTestInputs/archive"), archives());
  }

  static Map<String, byte[]> layers() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    seeds.put(
        "whiteouts",
        stack(
            Layers.tar(file("a/x", "x"), file("b", "b")),
            Layers.tar(Member.whiteout("a/x"), Member.whiteout("b"))));
    seeds.put(
        "opaque",
        stack(
            Layers.tar(dir("d"), file("d/sub/old", "old")),
            Layers.tar(Member.opaque("d"), file("d/new", "new"))));
    seeds.put(
        "hardlinks",
        stack(
            Layers.tar(file("f", "data"), hardlink("l1", "f"), hardlink("l2", "l1")),
            Layers.tar(Member.whiteout("f"), file("f", "new"))));
    seeds.put(
        "type-changes",
        stack(
            Layers.tar(dir("x"), file("x/in", "in"), symlink("s", "x")),
            Layers.tar(file("x", "now a file"), dir("s")),
            Layers.tar(dir("x"), file("x/again", "again"))));
    seeds.put(
        "special-files",
        stack(
            Layers.tar(
                dir("dev").mode(01777),
                Member.charDevice("dev/null", 1, 3),
                Member.fifo("dev/fifo"),
                file("bin/su", "su")
                    .mode(04755)
                    .xattr("security.capability", new byte[] {1, 0, 0, 2}),
                symlink("lib64", "/usr/lib64"),
                file("t", "t").mtime(1_600_000_000L, 123_456_789).owner(3_000_000, 7, "u", "g"))));
    seeds.put(
        "long-names",
        RawTar.concat(
            RawTar.pax(RawTar.record("path", "p/".repeat(80) + "pax-name")),
            RawTar.member("short", "pax".getBytes(ISO_8859_1)),
            RawTar.member(
                "././@LongLink", 'L', ("g/".repeat(70) + "gnu-name\0").getBytes(ISO_8859_1)),
            RawTar.member("short", "gnu".getBytes(ISO_8859_1)),
            RawTar.member(
                "././@LongLink", 'K', ("g/".repeat(70) + "gnu-name\0").getBytes(ISO_8859_1)),
            RawTar.link("hard", '1', "placeholder")));
    seeds.put(
        "sparse",
        RawTar.concat(
            RawTar.pax(
                RawTar.record("GNU.sparse.major", "0")
                    + RawTar.record("GNU.sparse.minor", "1")
                    + RawTar.record("GNU.sparse.realsize", "3000")
                    + RawTar.record("GNU.sparse.map", "0,5,2048,5")),
            RawTar.member("pax-sparse", "abcdeABCDE".getBytes(ISO_8859_1)),
            oldGnuSparse()));
    seeds.put(
        "aufs",
        stack(
            Layers.tar(
                dir(".wh..wh.plnk"),
                file(".wh..wh.plnk/1.2", "shared"),
                hardlink("a", ".wh..wh.plnk/1.2"),
                hardlink("b", ".wh..wh.plnk/1.2"),
                file(".wh..wh.aufs", ""))));
    seeds.put(
        "compressed",
        stack(
            Layers.gzip(Layers.tar(file("gz", "gzip layer"))),
            Layers.zstd(Layers.tar(file("zst", "zstd layer"), Member.whiteout("gz")))));
    return seeds;
  }

  static Map<String, byte[]> archives() {
    byte[] lower = Layers.tar(dir("etc"), file("etc/a", "a"), file("etc/b", "b"));
    byte[] upper = Layers.tar(Member.whiteout("etc/a"), file("etc/c", "c"));
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    for (Layout layout : Layout.values()) {
      if (layout == Layout.DOCKER25) {
        continue; // as docker25-zstd below, with an uncompressed layer: too large a seed
      }
      // Layouts that store layers uncompressed get one layer, to keep the seeds small.
      ImageSpec image =
          switch (layout) {
            case DOCKER, LEGACY, OCI -> ImageSpec.of(lower).tags("seed:1");
            default -> ImageSpec.of(lower, upper).tags("seed:1");
          };
      seeds.put(layout.name().toLowerCase(Locale.ROOT), trim(Archives.build(layout, image)));
    }
    seeds.put(
        "docker25-zstd",
        trim(Archives.build(Layout.DOCKER25, Layers::zstd, ImageSpec.of(upper).tags("seed:1"))));
    return seeds;
  }

  /**
   * Layers joined by the separator the layer fuzz test splits on, each without its end-of-archive
   * blocks (a clean end of stream at a header ends a tar just as well) to keep the seeds small.
   */
  static byte[] stack(byte[]... layers) {
    byte[] separator = LayerFuzzTest.SEPARATOR.getBytes(ISO_8859_1);
    byte[] out = unterminated(layers[0]);
    for (int i = 1; i < layers.length; i++) {
      out = RawTar.concat(out, separator, unterminated(layers[i]));
    }
    return out;
  }

  private static byte[] unterminated(byte[] layer) {
    boolean plain = Compression.detect(layer, layer.length) == Compression.NONE;
    return plain ? Arrays.copyOf(layer, layer.length - 1024) : layer;
  }

  /** An old GNU sparse member ('S'): 5 bytes at 0 and 5 at 1000 of a 2000-byte file. */
  private static byte[] oldGnuSparse() {
    byte[] h = RawTar.header("gnu-sparse", 'S', 10);
    System.arraycopy("ustar  \0".getBytes(ISO_8859_1), 0, h, 257, 8);
    put(h, 386, 0);
    put(h, 398, 5);
    put(h, 410, 1000);
    put(h, 422, 5);
    put(h, 483, 2000);
    RawTar.checksum(h);
    return RawTar.concat(h, Arrays.copyOf("01234abcde".getBytes(ISO_8859_1), 512));
  }

  private static void put(byte[] h, int at, long value) {
    byte[] digits = String.format("%011o\0", value).getBytes(ISO_8859_1);
    System.arraycopy(digits, 0, h, at, 12);
  }

  /**
   * Drops the end-of-archive blocks and the padding after them (commons-compress pads to 10 KiB): a
   * clean end of stream at a header boundary ends an archive too.
   */
  private static byte[] trim(byte[] archive) {
    int end = archive.length;
    while (end > 0 && archive[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(archive, (end + 511) / 512 * 512);
  }

  private static void write(Path dir, Map<String, byte[]> seeds) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
      Files.write(dir.resolve(seed.getKey()), seed.getValue());
    }
  }
}
