package dev.flattar.tar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link TarEntry} as POSIX ustar header blocks, preceded by a PAX extended header when a
 * value does not fit ustar (long or non-ASCII names, large ids and sizes, sub-second mtimes,
 * xattrs). The same entry always encodes to the same bytes; PAX records are sorted by key, as Go
 * writes them.
 */
public final class TarHeaderEncoder {
  private static final int BLOCK = TarReader.BLOCK;
  private static final long MAX_OCTAL_7 = (1L << 21) - 1;
  private static final long MAX_OCTAL_11 = (1L << 33) - 1;

  private TarHeaderEncoder() {}

  /** The header blocks for {@code entry}, ready to be followed by its data. */
  public static byte[] encode(TarEntry entry) {
    Map<String, String> pax = new LinkedHashMap<>();
    byte[] header = new byte[BLOCK];

    String name = entry.name();
    if (!placeName(header, name)) {
      pax.put("path", name);
      TarNumbers.putString(header, 0, 100, asciiPrefix(name, 100));
    }
    String link = entry.linkName() == null ? "" : entry.linkName();
    if (!isAscii(link) || link.length() > 100) {
      pax.put("linkpath", link);
      TarNumbers.putString(header, 157, 100, asciiPrefix(link, 100));
    } else {
      TarNumbers.putString(header, 157, 100, link);
    }
    TarNumbers.formatOctal(header, 100, 8, entry.mode());
    id(header, 108, entry.uid(), "uid", pax);
    id(header, 116, entry.gid(), "gid", pax);
    long size = entry.type().hasData() ? entry.size() : 0;
    if (size > MAX_OCTAL_11) {
      pax.put("size", Long.toString(size));
      TarNumbers.formatOctal(header, 124, 12, 0);
    } else {
      TarNumbers.formatOctal(header, 124, 12, size);
    }
    long mtime = entry.mtimeSeconds();
    boolean fits = mtime >= 0 && mtime <= MAX_OCTAL_11;
    if (entry.mtimeNanos() != 0 || !fits) {
      pax.put("mtime", PaxTime.format(mtime, entry.mtimeNanos()));
    }
    TarNumbers.formatOctal(header, 136, 12, fits ? mtime : 0);
    header[156] = entry.type().flag();
    TarNumbers.putString(header, 257, 6, "ustar\0");
    TarNumbers.putString(header, 263, 2, "00");
    userName(header, 265, entry.uname(), "uname", pax);
    userName(header, 297, entry.gname(), "gname", pax);
    device(header, 329, entry.devMajor());
    device(header, 337, entry.devMinor());
    for (PaxRecord r : entry.extraPax()) {
      pax.put(r.key(), r.value());
    }
    if ((pax.containsKey("path") && !isUtf8(name))
        || (pax.containsKey("linkpath") && !isUtf8(link))) {
      pax.put("hdrcharset", "BINARY");
    }
    checksum(header);
    if (pax.isEmpty()) {
      return header;
    }
    return withPaxHeader(name, pax, header);
  }

  /** How many bytes {@link #encode} produces for {@code entry}. */
  public static int encodedLength(TarEntry entry) {
    return encode(entry).length;
  }

  private static byte[] withPaxHeader(String name, Map<String, String> pax, byte[] header) {
    List<PaxRecord> records = new ArrayList<>();
    pax.forEach((k, v) -> records.add(new PaxRecord(k, v)));
    records.sort(Comparator.comparing(PaxRecord::key));
    byte[] data = PaxRecords.format(records);
    byte[] paxHeader = new byte[BLOCK];
    TarNumbers.putString(paxHeader, 0, 100, asciiPrefix(paxName(name), 100));
    TarNumbers.formatOctal(paxHeader, 100, 8, 0644);
    TarNumbers.formatOctal(paxHeader, 108, 8, 0);
    TarNumbers.formatOctal(paxHeader, 116, 8, 0);
    TarNumbers.formatOctal(paxHeader, 124, 12, data.length);
    TarNumbers.formatOctal(paxHeader, 136, 12, 0);
    paxHeader[156] = 'x';
    TarNumbers.putString(paxHeader, 257, 6, "ustar\0");
    TarNumbers.putString(paxHeader, 263, 2, "00");
    TarNumbers.formatOctal(paxHeader, 329, 8, 0);
    TarNumbers.formatOctal(paxHeader, 337, 8, 0);
    checksum(paxHeader);
    int padded = (int) TarReader.padded(data.length);
    byte[] out = new byte[BLOCK + padded + BLOCK];
    System.arraycopy(paxHeader, 0, out, 0, BLOCK);
    System.arraycopy(data, 0, out, BLOCK, data.length);
    System.arraycopy(header, 0, out, BLOCK + padded, BLOCK);
    return out;
  }

  /** Puts an ASCII name into name, or prefix + name; false if PAX is needed. */
  private static boolean placeName(byte[] header, String name) {
    if (!isAscii(name)) {
      return false;
    }
    if (name.length() <= 100) {
      return TarNumbers.putString(header, 0, 100, name);
    }
    // Split at a slash so that prefix <= 155 and the rest, non-empty, <= 100.
    int limit = Math.min(155, name.length() - 2);
    for (int i = limit; i > 0; i--) {
      if (name.charAt(i) == '/' && name.length() - i - 1 <= 100) {
        return TarNumbers.putString(header, 345, 155, name.substring(0, i))
            && TarNumbers.putString(header, 0, 100, name.substring(i + 1));
      }
    }
    return false;
  }

  private static void id(
      byte[] header, int offset, long value, String key, Map<String, String> pax) {
    if (value >= 0 && value <= MAX_OCTAL_7) {
      TarNumbers.formatOctal(header, offset, 8, value);
    } else {
      pax.put(key, Long.toString(value));
      TarNumbers.formatOctal(header, offset, 8, 0);
    }
  }

  private static void userName(
      byte[] header, int offset, String value, String key, Map<String, String> pax) {
    String v = value == null ? "" : value;
    if (isAscii(v) && v.length() <= 32) {
      TarNumbers.putString(header, offset, 32, v);
    } else {
      pax.put(key, v);
      TarNumbers.putString(header, offset, 32, asciiPrefix(v, 32));
    }
  }

  private static void device(byte[] header, int offset, int value) {
    if (!TarNumbers.formatOctal(header, offset, 8, value & 0xffffffffL)) {
      TarNumbers.formatBase256(header, offset, 8, value & 0xffffffffL);
    }
  }

  private static void checksum(byte[] header) {
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    TarNumbers.formatOctal(header, 148, 7, sum);
    header[155] = ' ';
  }

  /** Go's PaxHeaders.0 naming: {@code dir/PaxHeaders.0/base}. */
  private static String paxName(String name) {
    String trimmed = name;
    while (trimmed.endsWith("/") && trimmed.length() > 1) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int slash = trimmed.lastIndexOf('/');
    String dir = slash < 0 ? "" : trimmed.substring(0, slash + 1);
    return dir + "PaxHeaders.0/" + trimmed.substring(slash + 1);
  }

  private static String asciiPrefix(String latin1, int max) {
    StringBuilder b = new StringBuilder(Math.min(max, latin1.length()));
    for (int i = 0; i < latin1.length() && b.length() < max; i++) {
      char c = latin1.charAt(i);
      if (c > 0 && c < 0x80) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isAscii(String latin1) {
    for (int i = 0; i < latin1.length(); i++) {
      char c = latin1.charAt(i);
      if (c == 0 || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8(String latin1) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
