package dev.flattar.tar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link TarEntry} as POSIX ustar header blocks, preceded by a PAX extended header when a
 * value does not fit ustar (non-ASCII or long names that cannot be split into prefix and name, long
 * link names, ids of 2^21 and more, sizes of 8 GiB and more, sub-second or negative mtimes, long or
 * non-ASCII user and group names, extra records such as xattrs). The same entry always encodes to
 * the same bytes; PAX records are sorted by key, as Go writes them.
 */
public final class TarHeaderEncoder {
  private static final int BLOCK = TarReader.BLOCK;
  private static final long MAX_OCTAL_7 = (1L << 21) - 1;
  private static final long MAX_OCTAL_11 = (1L << 33) - 1;
  private static final int NEEDS_PAX = -1;

  private TarHeaderEncoder() {}

  /** The header blocks for {@code entry}, ready to be followed by its data. */
  public static byte[] encode(TarEntry entry) {
    return encode(entry, new byte[BLOCK]);
  }

  /**
   * As {@link #encode(TarEntry)}, written into {@code block} (512 bytes, overwritten) when one
   * ustar block holds the entry, as it does for nearly every member; else into a new array. For a
   * writer that copies the header out before it encodes the next: a million-member layer then makes
   * no half-gigabyte of garbage.
   */
  public static byte[] encode(TarEntry entry, byte[] block) {
    int split = ustarSplit(entry.name());
    Map<String, String> pax = paxRecords(entry, split);
    byte[] header = ustar(entry, split, pax, block);
    if (pax.isEmpty()) {
      return header;
    }
    byte[] data = PaxRecords.format(records(pax));
    byte[] out = new byte[BLOCK + (int) TarBlocks.padded(data.length) + BLOCK];
    paxHeader(out, entry.name(), data.length);
    System.arraycopy(data, 0, out, BLOCK, data.length);
    System.arraycopy(header, 0, out, out.length - BLOCK, BLOCK);
    return out;
  }

  /**
   * The header of an archive member flat-tar names itself (a short ASCII name, a regular file with
   * fixed metadata): always one 512-byte block, a size of 8 GiB or more in GNU base-256, so the
   * header can be written before its size is known and rewritten in place afterwards.
   */
  public static byte[] member(String name, long size) {
    int split = ustarSplit(name);
    if (split == NEEDS_PAX) {
      throw new IllegalArgumentException("member name does not fit a ustar header: " + name);
    }
    TarEntry entry = TarEntry.builder(name, EntryType.FILE).mode(0644).build();
    byte[] header = ustar(entry, split, Map.of(), new byte[BLOCK]);
    if (!TarNumbers.formatOctal(header, 124, 12, size)) {
      TarNumbers.formatBase256(header, 124, 12, size);
    }
    checksum(header);
    return header;
  }

  /** How many bytes {@link #encode} produces for {@code entry}, without building them. */
  public static int encodedLength(TarEntry entry) {
    Map<String, String> pax = paxRecords(entry, ustarSplit(entry.name()));
    if (pax.isEmpty()) {
      return BLOCK;
    }
    return BLOCK + (int) TarBlocks.padded(PaxRecords.formattedLength(records(pax))) + BLOCK;
  }

  /**
   * The PAX records {@code entry} needs: the one decision both {@link #encode} and {@link
   * #encodedLength} are made from. Empty (and not allocated) for the common ustar-only entry.
   */
  private static Map<String, String> paxRecords(TarEntry e, int split) {
    String name = e.name();
    String link = e.linkName() == null ? "" : e.linkName();
    long size = e.type().hasData() ? e.size() : 0;
    long mtime = e.mtimeSeconds();
    boolean mtimeFits = mtime >= 0 && mtime <= MAX_OCTAL_11;
    boolean plain =
        e.extraPax().isEmpty()
            && split != NEEDS_PAX
            && fitsAscii(link, 100)
            && idFits(e.uid())
            && idFits(e.gid())
            && size <= MAX_OCTAL_11
            && e.mtimeNanos() == 0
            && mtimeFits
            && fitsAscii(orEmpty(e.uname()), 32)
            && fitsAscii(orEmpty(e.gname()), 32);
    if (plain) {
      return Map.of();
    }
    Map<String, String> pax = new TreeMap<>();
    if (split == NEEDS_PAX) {
      pax.put("path", name);
    }
    if (!fitsAscii(link, 100)) {
      pax.put("linkpath", link);
    }
    if (!idFits(e.uid())) {
      pax.put("uid", Long.toString(e.uid()));
    }
    if (!idFits(e.gid())) {
      pax.put("gid", Long.toString(e.gid()));
    }
    if (size > MAX_OCTAL_11) {
      pax.put("size", Long.toString(size));
    }
    if (e.mtimeNanos() != 0 || !mtimeFits) {
      pax.put("mtime", PaxTime.format(mtime, e.mtimeNanos()));
    }
    if (!fitsAscii(orEmpty(e.uname()), 32)) {
      pax.put("uname", orEmpty(e.uname()));
    }
    if (!fitsAscii(orEmpty(e.gname()), 32)) {
      pax.put("gname", orEmpty(e.gname()));
    }
    for (PaxRecord r : e.extraPax()) {
      pax.put(r.key(), r.value());
    }
    if ((pax.containsKey("path") && !isUtf8(name))
        || (pax.containsKey("linkpath") && !isUtf8(link))) {
      pax.put("hdrcharset", "BINARY");
    }
    return pax;
  }

  private static byte[] ustar(TarEntry e, int split, Map<String, String> pax, byte[] header) {
    Arrays.fill(header, 0, BLOCK, (byte) 0);
    String name = e.name();
    if (split == NEEDS_PAX) {
      TarNumbers.putString(header, 0, 100, asciiPrefix(name, 100));
    } else if (split == 0) {
      TarNumbers.putString(header, 0, 100, name);
    } else {
      TarNumbers.putString(header, 345, 155, name.substring(0, split));
      TarNumbers.putString(header, 0, 100, name.substring(split + 1));
    }
    String link = e.linkName() == null ? "" : e.linkName();
    TarNumbers.putString(
        header, 157, 100, pax.containsKey("linkpath") ? asciiPrefix(link, 100) : link);
    TarNumbers.formatOctal(header, 100, 8, e.mode());
    TarNumbers.formatOctal(header, 108, 8, idFits(e.uid()) ? e.uid() : 0);
    TarNumbers.formatOctal(header, 116, 8, idFits(e.gid()) ? e.gid() : 0);
    long size = e.type().hasData() ? e.size() : 0;
    TarNumbers.formatOctal(header, 124, 12, size <= MAX_OCTAL_11 ? size : 0);
    long mtime = e.mtimeSeconds();
    TarNumbers.formatOctal(header, 136, 12, mtime >= 0 && mtime <= MAX_OCTAL_11 ? mtime : 0);
    header[156] = e.type().flag();
    TarNumbers.putString(header, 257, 6, "ustar\0");
    TarNumbers.putString(header, 263, 2, "00");
    String uname = orEmpty(e.uname());
    String gname = orEmpty(e.gname());
    TarNumbers.putString(
        header, 265, 32, pax.containsKey("uname") ? asciiPrefix(uname, 32) : uname);
    TarNumbers.putString(
        header, 297, 32, pax.containsKey("gname") ? asciiPrefix(gname, 32) : gname);
    device(header, 329, e.devMajor());
    device(header, 337, e.devMinor());
    checksum(header);
    return header;
  }

  /**
   * Where an ASCII name goes in ustar: 0 for the name field alone, the index of the '/' that splits
   * it into prefix (155) and name (100), or {@link #NEEDS_PAX}.
   */
  private static int ustarSplit(String name) {
    if (!isAscii(name)) {
      return NEEDS_PAX;
    }
    if (name.length() <= 100) {
      return 0;
    }
    for (int i = Math.min(155, name.length() - 2); i > 0; i--) {
      if (name.charAt(i) == '/' && name.length() - i - 1 <= 100) {
        return i;
      }
    }
    return NEEDS_PAX;
  }

  private static void paxHeader(byte[] out, String name, int length) {
    TarNumbers.putString(out, 0, 100, asciiPrefix(paxName(name), 100));
    TarNumbers.formatOctal(out, 100, 8, 0644);
    TarNumbers.formatOctal(out, 108, 8, 0);
    TarNumbers.formatOctal(out, 116, 8, 0);
    TarNumbers.formatOctal(out, 124, 12, length);
    TarNumbers.formatOctal(out, 136, 12, 0);
    out[156] = 'x';
    TarNumbers.putString(out, 257, 6, "ustar\0");
    TarNumbers.putString(out, 263, 2, "00");
    TarNumbers.formatOctal(out, 329, 8, 0);
    TarNumbers.formatOctal(out, 337, 8, 0);
    checksum(out);
  }

  private static List<PaxRecord> records(Map<String, String> pax) {
    return pax.entrySet().stream().map(en -> new PaxRecord(en.getKey(), en.getValue())).toList();
  }

  private static boolean idFits(long id) {
    return id >= 0 && id <= MAX_OCTAL_7;
  }

  private static void device(byte[] header, int offset, int value) {
    if (!TarNumbers.formatOctal(header, offset, 8, value & 0xffffffffL)) {
      TarNumbers.formatBase256(header, offset, 8, value & 0xffffffffL);
    }
  }

  /** Fills the checksum field: six octal digits, NUL, space (the sum always fits). */
  private static void checksum(byte[] header) {
    TarNumbers.formatOctal(header, 148, 7, HeaderChecksum.unsigned(header));
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

  private static boolean fitsAscii(String latin1, int max) {
    return latin1.length() <= max && isAscii(latin1);
  }

  private static boolean isAscii(String latin1) {
    for (int i = 0, n = latin1.length(); i < n; i++) {
      char c = latin1.charAt(i);
      if (c == 0 || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
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
