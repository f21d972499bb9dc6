package dev.flattar.hostile;

import static dev.flattar.hostile.RawTar.archive;
import static dev.flattar.hostile.RawTar.base256Header;
import static dev.flattar.hostile.RawTar.member;
import static dev.flattar.hostile.RawTar.pax;
import static dev.flattar.hostile.RawTar.record;
import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Archives;
import dev.flattar.testing.Archives.Layout;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken layers inside a well-formed archive whose digests match them (so the layer itself is what
 * is wrong): refused naming the layer, the problem and the offset inside the layer.
 */
class BrokenLayerTest {
  @TempDir Path tmp;

  static final byte[] LAYER = Layers.tar(file("a", "a".repeat(3000)), file("b", "b"));

  static Stream<Arguments> brokenLayers() {
    return Stream.of(
        broken(
            "cut inside a header",
            Arrays.copyOf(LAYER, 300),
            "archive ends inside a header at offset 0 (300 of 512 bytes)"),
        broken(
            "cut inside member data",
            Arrays.copyOf(LAYER, 512 + 88),
            "archive ends inside member data at offset 512: expected 3072 more bytes, got 88"),
        broken(
            "cut inside the second header",
            Arrays.copyOf(LAYER, 512 + 3072 + 10),
            "archive ends inside a header at offset 3584 (10 of 512 bytes)"),
        broken(
            "a bad checksum",
            flip(LAYER, 512 + 3072 + 1),
            "bad tar header checksum at offset 3584"),
        broken("garbage", "garbage!".repeat(100).getBytes(), "bad tar header checksum at offset 0"),
        broken(
            "a negative size",
            archive(base256Header("f", '0', -5)),
            "negative size in tar header at offset 0"),
        broken(
            "a size of 2^63-1 bytes",
            archive(base256Header("f", '0', Long.MAX_VALUE), member("g", new byte[10])),
            "entry 'f' at offset 0 claims 9223372036854775807 bytes (limit 4611686018427387904)"),
        broken(
            "a size of 2^40 bytes",
            archive(base256Header("f", '0', 1L << 40)),
            "archive ends inside member data at offset 512: expected 1099511627776 more bytes"),
        broken(
            "a volume label claiming 2^63-1 bytes",
            archive(base256Header("label", 'V', Long.MAX_VALUE), member("f", new byte[1])),
            "volume label at offset 0 claims 9223372036854775807 bytes (limit 4611686018427387904)"),
        broken(
            "a PAX header claiming 2 MiB",
            archive(base256Header("PaxHeaders/f", 'x', 2 << 20)),
            "extended header at offset 0 claims 2097152 bytes (limit 1048576)"),
        broken(
            "a PAX size record of 2^63-1",
            archive(pax(record("size", Long.toString(Long.MAX_VALUE))), member("f", new byte[10])),
            "entry 'f' at offset 1024 claims 9223372036854775807 bytes (limit 4611686018427387904)"),
        broken(
            "a PAX mtime with a line break",
            archive(pax(record("mtime", "1\n2")), member("f", new byte[1])),
            "bad PAX mtime '1\\n2' at offset 1024"),
        broken(
            "a GNU long link claiming 1 TiB",
            archive(base256Header("././@LongLink", 'K', 1L << 40)),
            "extended header at offset 0 claims 1099511627776 bytes (limit 1048576)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenLayers")
  void brokenLayer_isRefusedNamingTheLayerAndOffset(byte[] layer, String fragment) {
    String message = Hostile.refused(tmp, Hostile.docker(layer));

    assertThat(message).contains(Hostile.dockerLayer(1, layer) + ": " + fragment);
  }

  static Stream<Arguments> cutCompressedLayers() {
    return Stream.of(
        cut("gzip", Layers::gzip, "truncated gzip data"),
        cut("zstd", Layers::zstd, "truncated zstd data"),
        cut("bzip2", BrokenLayerTest::bzip2, "truncated bzip2 data"),
        cut("xz", BrokenLayerTest::xz, "truncated xz data"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cutCompressedLayers")
  void compressedLayerThatEndsEarly_isRefusedAsTruncated(
      UnaryOperator<byte[]> compress, String message) {
    byte[] archive =
        Archives.build(
            Layout.CONTAINERD,
            layer -> {
              byte[] whole = compress.apply(layer);
              return Arrays.copyOf(whole, whole.length * 2 / 3);
            },
            ImageSpec.of(LAYER).tags(Hostile.TAG));

    assertThat(Hostile.refused(tmp, archive))
        .matches(
            "flat-tar: .*in\\.tar: layer 1 \\(blobs/sha256/[0-9a-f]{64}\\): "
                + message
                + "(: .*)?");
  }

  @Test
  void layerEndingAtAHeaderBoundaryWithoutEndBlocks_flattens() {
    byte[] unterminated = Arrays.copyOf(LAYER, LAYER.length - 1024);

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(unterminated));

    assertThat(Hostile.names(flat.layer)).containsExactly("a", "b");
  }

  @Test
  void emptyLayerFile_flattensLikeAnEmptyLayer() {
    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(new byte[0], LAYER));

    assertThat(Hostile.names(flat.layer)).containsExactly("a", "b");
  }

  private static Arguments broken(String what, byte[] layer, String fragment) {
    return Arguments.of(Named.of(what, layer), fragment);
  }

  private static Arguments cut(String what, UnaryOperator<byte[]> compress, String message) {
    return Arguments.of(Named.of(what, compress), message);
  }

  private static byte[] flip(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 1;
    return copy;
  }

  private static byte[] bzip2(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new BZip2CompressorOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] xz(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new XZCompressorOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
