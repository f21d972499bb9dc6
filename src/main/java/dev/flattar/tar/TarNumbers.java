package dev.flattar.tar;

import java.nio.charset.StandardCharsets;

/** Numeric and string header fields: octal, GNU base-256, NUL-terminated byte strings. */
final class TarNumbers {
  private TarNumbers() {}

  /**
   * Parses an octal or base-256 field. Returns {@code Long.MIN_VALUE} when the field is not a
   * number, so the caller can name the field in its error.
   */
  static long parse(byte[] block, int offset, int length) {
    if ((block[offset] & 0x80) != 0) {
      return parseBase256(block, offset, length);
    }
    int start = offset;
    int end = offset + length;
    while (start < end && (block[start] == ' ' || block[start] == 0)) {
      start++;
    }
    while (end > start && (block[end - 1] == ' ' || block[end - 1] == 0)) {
      end--;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = block[i] - '0';
      if (digit < 0 || digit > 7 || value > (Long.MAX_VALUE >> 3)) {
        return Long.MIN_VALUE;
      }
      value = (value << 3) | digit;
    }
    return value;
  }

  private static long parseBase256(byte[] block, int offset, int length) {
    boolean negative = (block[offset] & 0x40) != 0;
    int invert = negative ? 0xff : 0;
    long value = 0;
    for (int i = 0; i < length; i++) {
      int b = (block[offset + i] ^ invert) & 0xff;
      if (i == 0) {
        b &= 0x7f;
      }
      if ((value >>> 55) != 0) {
        return Long.MIN_VALUE;
      }
      value = (value << 8) | b;
    }
    return negative ? ~value : value;
  }

  /**
   * Writes {@code value} as zero-padded octal digits followed by a NUL; false if it does not fit.
   */
  static boolean formatOctal(byte[] block, int offset, int length, long value) {
    if (value < 0 || value >= (1L << (3 * (length - 1)))) {
      return false;
    }
    block[offset + length - 1] = 0;
    for (int i = offset + length - 2; i >= offset; i--) {
      block[i] = (byte) ('0' + (value & 7));
      value >>>= 3;
    }
    return true;
  }

  /** Writes {@code value} in GNU base-256 (big-endian with the high bit set). */
  static void formatBase256(byte[] block, int offset, int length, long value) {
    for (int i = offset + length - 1; i > offset; i--) {
      block[i] = (byte) value;
      value >>= 8;
    }
    block[offset] = (byte) (value < 0 ? 0xff : 0x80);
  }

  /** The bytes of a field up to its first NUL, in the Latin-1 carrier form. */
  static String string(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return end == offset
        ? ""
        : new String(block, offset, end - offset, StandardCharsets.ISO_8859_1);
  }

  /** Copies a carrier string into a field; false if it does not fit. */
  static boolean putString(byte[] block, int offset, int length, String latin1) {
    if (latin1.length() > length) {
      return false;
    }
    for (int i = 0; i < latin1.length(); i++) {
      block[offset + i] = (byte) latin1.charAt(i);
    }
    return true;
  }
}
