package dev.flattar.io;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The compressions Docker accepts for layers and for whole archives, recognised by their magic
 * bytes (never by file name).
 */
public enum Compression {
  NONE("tar"),
  GZIP("gzip"),
  BZIP2("bzip2"),
  XZ("xz"),
  ZSTD("zstd");

  /** Bytes needed to recognise every format. */
  public static final int MAGIC_LENGTH = 6;

  private static final int BUFFER = 64 * 1024;
  private final String label;

  Compression(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Recognises the format from the first bytes of a stream ({@code head} may be shorter). */
  public static Compression detect(byte[] head, int length) {
    if (starts(head, length, 0x1f, 0x8b)) {
      return GZIP;
    }
    if (starts(head, length, 'B', 'Z', 'h')) {
      return BZIP2;
    }
    if (starts(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return XZ;
    }
    if (starts(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
      return ZSTD;
    }
    return NONE;
  }

  /** Peeks at the start of {@code in} (which must support mark) to recognise its format. */
  public static Compression detect(InputStream in) throws IOException {
    in.mark(MAGIC_LENGTH);
    byte[] head = in.readNBytes(MAGIC_LENGTH);
    in.reset();
    return detect(head, head.length);
  }

  /**
   * Decompresses {@code in}. Errors in the compressed data surface as {@link CorruptDataException}
   * so callers can tell them from I/O failures.
   */
  public InputStream decompress(InputStream in) throws IOException {
    try {
      InputStream decoded =
          switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case BZIP2 -> new BZip2CompressorInputStream(new BufferedInputStream(in, BUFFER), true);
            case XZ -> new XZInputStream(new BufferedInputStream(in, BUFFER));
            case ZSTD -> new ZstdInputStreamNoFinalizer(new BufferedInputStream(in, BUFFER));
          };
      return this == NONE ? decoded : new CorruptDataException.Guard(decoded, label);
    } catch (IOException e) {
      throw new CorruptDataException(label, e);
    }
  }

  private static boolean starts(byte[] head, int length, int... magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
