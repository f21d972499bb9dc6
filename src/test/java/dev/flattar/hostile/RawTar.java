package dev.flattar.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tar bytes written field by field, so that tests can put into a header what no tar writer would:
 * absurd sizes, bad checksums, huge extended headers.
 */
final class RawTar {
  static final int BLOCK = 512;

  private RawTar() {}

  /** A ustar header block with a valid checksum. */
  static byte[] header(String name, char type, long size) {
    byte[] h = new byte[BLOCK];
    put(h, 0, name.getBytes(StandardCharsets.ISO_8859_1));
    put(h, 100, ascii("0000644\0"));
    put(h, 108, ascii("0000000\0"));
    put(h, 116, ascii("0000000\0"));
    put(h, 124, ascii(String.format("%011o\0", size)));
    put(h, 136, ascii("14000000000\0"));
    h[156] = (byte) type;
    put(h, 257, ascii("ustar\0" + "00"));
    return checksum(h);
  }

  /** A header-only member: a directory ('5'), or a symlink ('2') or hard link ('1') to target. */
  static byte[] link(String name, char type, String target) {
    byte[] h = header(name, type, 0);
    put(h, 157, target.getBytes(StandardCharsets.ISO_8859_1));
    return checksum(h);
  }

  /** A header whose size field holds {@code size} in GNU base-256 (any 64-bit value). */
  static byte[] base256Header(String name, char type, long size) {
    byte[] h = header(name, type, 0);
    for (int i = 124 + 11; i > 124; i--) {
      h[i] = (byte) size;
      size >>= 8;
    }
    h[124] = (byte) (size < 0 ? 0xff : 0x80);
    return checksum(h);
  }

  /** Recomputes the checksum of a header block (in place) and returns it. */
  static byte[] checksum(byte[] h) {
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, ascii(String.format("%06o\0 ", sum)));
    return h;
  }

  /** A member: header, data, padding to the block size. */
  static byte[] member(String name, byte[] data) {
    return member(name, '0', data);
  }

  /** A member of any type (a GNU long name 'L', ...) with its data and padding. */
  static byte[] member(String name, char type, byte[] data) {
    return concat(header(name, type, data.length), data, new byte[-data.length & (BLOCK - 1)]);
  }

  /** A PAX extended header ({@code x}) carrying the given records, then padding. */
  static byte[] pax(String records) {
    byte[] data = records.getBytes(StandardCharsets.ISO_8859_1);
    return concat(
        header("PaxHeaders/x", 'x', data.length), data, new byte[-data.length & (BLOCK - 1)]);
  }

  /** One PAX record, its length prefix computed. */
  static String record(String key, String value) {
    int body = 1 + key.length() + 1 + value.length() + 1;
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() + body != length) {
      length = body + Integer.toString(length).length();
    }
    return length + " " + key + "=" + value + "\n";
  }

  /** The parts, then the two zero blocks that end an archive. */
  static byte[] archive(byte[]... parts) {
    return concat(concat(parts), new byte[2 * BLOCK]);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static void put(byte[] h, int at, byte[] value) {
    System.arraycopy(value, 0, h, at, value.length);
  }
}
