package dev.flattar.testing;

import dev.flattar.tar.TarHeaderEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Layer tars built in tests. */
public final class Layers {
  private Layers() {}

  /** An uncompressed layer tar of the members, in order, ending with two zero blocks. */
  public static byte[] tar(Member... members) {
    return tar(List.of(members));
  }

  public static byte[] tar(List<Member> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Member m : members) {
      out.writeBytes(TarHeaderEncoder.encode(m.header()));
      out.writeBytes(m.data());
      out.writeBytes(new byte[-m.data().length & 511]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  /** The bytes, gunzipped or un-zstd'ed when they start with those formats' magic. */
  public static byte[] gunzipIfNeeded(byte[] bytes) {
    try {
      var in = new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(bytes));
      return dev.flattar.io.Compression.detect(in).decompress(in).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The members of a layer tar, in order (read with flat-tar's reader). */
  public static List<dev.flattar.tar.TarEntry> entries(byte[] layer) {
    return ReferenceTree.read(gunzipIfNeeded(layer));
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] zstd(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (com.github.luben.zstd.ZstdOutputStream z =
        new com.github.luben.zstd.ZstdOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
