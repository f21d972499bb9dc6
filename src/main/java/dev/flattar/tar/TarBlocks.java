package dev.flattar.tar;

import dev.flattar.model.CorruptArchiveException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A tar stream as 512-byte blocks: reading header blocks and extended-header data, skipping member
 * data, counting the position, and naming the archive in errors. Decoding what the blocks mean is
 * {@link TarReader}'s and {@link HeaderFields}' business.
 */
final class TarBlocks {
  static final int BLOCK = 512;

  private final InputStream in;
  private final String where;
  private long position;

  TarBlocks(InputStream in, String where) {
    this.in = in;
    this.where = where;
  }

  /** How errors name the archive. */
  String where() {
    return where;
  }

  /** Bytes consumed from the stream so far. */
  long position() {
    return position;
  }

  /**
   * Reads the next header block into {@code block}.
   *
   * @return false at a clean end of the stream
   */
  boolean readHeader(byte[] block) throws IOException, CorruptArchiveException {
    long offset = position;
    int got = in.readNBytes(block, 0, BLOCK);
    position += got;
    if (got == 0) {
      return false;
    }
    if (got < BLOCK) {
      throw corrupt(
          "archive ends inside a header at offset " + offset + " (" + got + " of 512 bytes)");
    }
    return true;
  }

  /** Reads one block into {@code b}; false if the stream ends first. */
  boolean readInto(byte[] b) throws IOException {
    int got = in.readNBytes(b, 0, BLOCK);
    position += got;
    return got == BLOCK;
  }

  /** Reads the {@code size} bytes of an extended header's data, and the padding after them. */
  byte[] readMeta(long size, long headerOffset) throws IOException, CorruptArchiveException {
    if (size > TarReader.MAX_META_BYTES) {
      throw corrupt(
          "extended header at offset "
              + headerOffset
              + " claims "
              + size
              + " bytes (limit "
              + TarReader.MAX_META_BYTES
              + ")");
    }
    byte[] data = new byte[(int) size];
    int got = in.readNBytes(data, 0, data.length);
    position += got;
    if (got < size) {
      throw corrupt("archive ends inside the extended header at offset " + headerOffset);
    }
    skip(padded(size) - size, headerOffset, "extended header");
    return data;
  }

  /**
   * Skips {@code n} bytes.
   *
   * @param from where what is skipped begins, and {@code what} it is, for the error if it ends
   *     early
   */
  void skip(long n, long from, String what) throws IOException, CorruptArchiveException {
    long remaining = n;
    // Skip all but the last byte and read that one (as Go's discard does): some streams, such as
    // FileInputStream, skip past the end without complaint, and only a read reveals truncation.
    while (remaining > 0) {
      long skipped = remaining > 1 ? in.skip(remaining - 1) : 0;
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw corrupt(
              "archive ends inside "
                  + what
                  + " at offset "
                  + from
                  + ": expected "
                  + n
                  + " more bytes, got "
                  + (n - remaining));
        }
        skipped = 1;
      }
      remaining -= skipped;
      position += skipped;
    }
  }

  /** An error about this archive: its name, then {@code message}. */
  CorruptArchiveException corrupt(String message) {
    return new CorruptArchiveException(where + ": " + message);
  }

  /** {@code size} rounded up to whole blocks. */
  static long padded(long size) {
    return (size + BLOCK - 1) & ~(long) (BLOCK - 1);
  }
}
