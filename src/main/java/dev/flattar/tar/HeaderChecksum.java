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
    long sum = 8 * ' ';
    for (int i = 0; i < block.length; i++) {
      sum += i >= FIELD && i < FIELD + FIELD_LENGTH ? 0 : block[i] & 0xff;
    }
    return sum;
  }

  private static long signed(byte[] block) {
    long sum = 8 * ' ';
    for (int i = 0; i < block.length; i++) {
      sum += i >= FIELD && i < FIELD + FIELD_LENGTH ? 0 : block[i];
    }
    return sum;
  }
}
