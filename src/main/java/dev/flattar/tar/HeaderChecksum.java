package dev.flattar.tar;

/** The checksum of a tar header block: the sum of its bytes, the checksum field read as spaces. */
final class HeaderChecksum {
  private static final int FIELD = 148;
  private static final int FIELD_LENGTH = 8;

  private HeaderChecksum() {}

  /**
   * Whether the block's checksum field holds its sum of unsigned bytes, or (as some old writers
   * made it) of signed bytes.
   */
  static boolean matches(byte[] block) {
    long stored = TarNumbers.parse(block, FIELD, FIELD_LENGTH);
    return stored == unsigned(block) || stored == signed(block);
  }

  /** The sum of the block's bytes as unsigned values, the checksum field counted as spaces. */
  static long unsigned(byte[] block) {
    // One plain loop over the block (no test per byte, so the JIT can vectorise it), then the
    // field taken back out: it counts as eight spaces.
    int sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    for (int i = FIELD; i < FIELD + FIELD_LENGTH; i++) {
      sum -= block[i] & 0xff;
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
