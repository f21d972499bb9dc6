package dev.flattar.tar;

import dev.flattar.model.CorruptArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tar headers from a stream and skips over member data, reporting where each member's data
 * lies. Reading rules follow Go's archive/tar (what Docker, containerd and podman use): header-only
 * types carry no data whatever their size field says, PAX global headers are ignored, a clean end
 * of stream at a header boundary ends the archive.
 */
public final class TarReader {
  public static final int BLOCK = 512;

  /** Largest PAX or GNU long-name header accepted; real ones are a few hundred bytes. */
  public static final int MAX_META_BYTES = 1 << 20;

  /** Longest member name or link target accepted, in bytes (Linux's PATH_MAX is 4096). */
  public static final int MAX_NAME_BYTES = 64 << 10;

  /**
   * Largest size a member may claim (4 EiB): far beyond any real archive, and small enough that
   * offsets and sizes added together never overflow.
   */
  public static final long MAX_ENTRY_BYTES = 1L << 62;

  private final InputStream in;
  private final String where;
  private final byte[] block = new byte[BLOCK];
  private final Map<String, String> names = new HashMap<>();
  private long position;
  private long pendingSkip;
  private boolean ended;

  /**
   * @param where names the archive in errors, e.g. {@code "layer 2 (blobs/sha256/ab12…)"}
   */
  public TarReader(InputStream in, String where) {
    this.in = in;
    this.where = where;
  }

  /** Bytes consumed from the stream so far. */
  public long position() {
    return position;
  }

  /** The next member, or null at the end of the archive. */
  public TarEntry next() throws IOException, CorruptArchiveException {
    if (ended) {
      return null;
    }
    skipData();
    List<PaxRecord> pax = null;
    String longName = null;
    String longLink = null;
    while (true) {
      long headerOffset = position;
      if (!readBlock(headerOffset)) {
        if (pax != null || longName != null || longLink != null) {
          throw corrupt("archive ends after an extended header at offset " + headerOffset);
        }
        ended = true;
        return null;
      }
      if (isZero(block)) {
        ended = true;
        if (readBlock(position) && !isZero(block)) {
          throw corrupt("data after the end-of-archive block at offset " + headerOffset);
        }
        return null;
      }
      verifyChecksum(headerOffset);
      byte flag = block[156];
      long size = number(124, 12, "size", headerOffset);
      if (size < 0) {
        throw corrupt("negative size in tar header at offset " + headerOffset);
      }
      switch (flag) {
        case 'x' -> {
          List<PaxRecord> records =
              PaxRecords.parse(readMeta(size, headerOffset), where + " at offset " + headerOffset);
          pax = records; // as in Go, a later extended header replaces an earlier one
        }
        case 'g' -> readMeta(size, headerOffset);
        case 'L' -> longName = cString(readMeta(size, headerOffset));
        case 'K' -> longLink = cString(readMeta(size, headerOffset));
        case 'V' -> {
          checkSize("volume label", size, headerOffset);
          skip(padded(size), headerOffset, "volume label");
        }
        default -> {
          return member(flag, size, headerOffset, pax, longName, longLink);
        }
      }
    }
  }

  private TarEntry member(
      byte flag,
      long size,
      long headerOffset,
      List<PaxRecord> pax,
      String longName,
      String longLink)
      throws IOException, CorruptArchiveException {
    boolean ustar = matches(257, "ustar\0"); // Go ignores the version field
    boolean gnu = matches(257, "ustar ") && matches(263, " \0");
    boolean star = ustar && matches(508, "tar\0");
    String name = TarNumbers.string(block, 0, 100);
    if (ustar) {
      String prefix = TarNumbers.string(block, 345, star ? 131 : 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    String link = TarNumbers.string(block, 157, 100);
    int mode = (int) number(100, 8, "mode", headerOffset);
    long uid = number(108, 8, "uid", headerOffset);
    long gid = number(116, 8, "gid", headerOffset);
    long mtime = number(136, 12, "mtime", headerOffset);
    int nanos = 0;
    String uname = intern(TarNumbers.string(block, 265, 32));
    String gname = intern(TarNumbers.string(block, 297, 32));
    int major = 0;
    int minor = 0;
    if ((ustar || gnu) && (flag == '3' || flag == '4')) {
      major = (int) number(329, 8, "devmajor", headerOffset);
      minor = (int) number(337, 8, "devminor", headerOffset);
    }
    SparseMap sparse = null;
    long realSize = -1;
    if (flag == 'S' && !gnu) {
      throw corrupt("sparse entry at offset " + headerOffset + " is not in the GNU format");
    }
    if (flag == 'S') {
      sparse = oldGnuSparse(headerOffset);
      realSize = number(483, 12, "realsize", headerOffset);
    }

    List<PaxRecord> extras = pax == null ? List.of() : new ArrayList<>();
    PaxSparse paxSparse = null;
    if (pax != null) {
      for (PaxRecord r : pax) {
        String v = r.value();
        if (v.isEmpty() && isHeaderField(r.key())) {
          continue; // POSIX and Go: an empty value keeps the ustar field
        }
        switch (r.key()) {
          case "path" -> name = v;
          case "linkpath" -> link = v;
          case "size" -> size = paxNumber(r, headerOffset);
          case "uid" -> uid = paxNumber(r, headerOffset);
          case "gid" -> gid = paxNumber(r, headerOffset);
          case "uname" -> uname = intern(v);
          case "gname" -> gname = intern(v);
          case "mtime" -> {
            long[] t = PaxTime.parse(v);
            if (t == null) {
              throw corrupt(
                  "bad PAX mtime '" + TarEntry.display(v) + "' at offset " + headerOffset);
            }
            mtime = t[0];
            nanos = (int) t[1];
          }
          case "hdrcharset" -> {}
          default -> {
            if (r.key().startsWith("GNU.sparse.")) {
              paxSparse = paxSparse == null ? new PaxSparse() : paxSparse;
              paxSparse.add(r);
            } else if (!r.key().startsWith("SCHILY.xattr.trusted.overlay.")) {
              extras.add(r);
            }
          }
        }
      }
    }

    // Go applies GNU long names after the PAX records, so they win when both are present.
    if (longName != null) {
      name = longName;
    }
    if (longLink != null) {
      link = longLink;
    }
    checkLength("name of the entry", name, headerOffset);
    checkLength("link target of the entry", link, headerOffset);
    EntryType type = type(flag, name, headerOffset);
    long stored = type.hasData() || flag == 'D' ? size : 0;
    if (stored < 0 || size < 0) {
      throw corrupt("negative size for '" + TarEntry.display(name) + "' at offset " + headerOffset);
    }
    checkSize("entry '" + TarEntry.display(name) + "'", stored, headerOffset);
    long dataOffset = position;
    if (paxSparse != null && paxSparse.isSparse()) {
      if (paxSparse.name() != null) {
        name = paxSparse.name();
      }
      realSize = paxSparse.realSize(headerOffset, this);
      checkLength("name of the entry", name, headerOffset);
      if (paxSparse.mapInData()) {
        long before = position;
        sparse = readSparseMapFromData(stored, headerOffset);
        stored -= position - before;
        dataOffset = position;
      } else {
        sparse = paxSparse.map(headerOffset, this);
      }
    }
    long logical = stored;
    if (sparse != null) {
      checkSize("entry '" + TarEntry.display(name) + "'", realSize, headerOffset);
      checkSparse(sparse, realSize, stored, name, headerOffset);
      logical = realSize;
    } else if (!type.hasData()) {
      logical = 0;
    }
    if (flag == 'D') {
      type = EntryType.DIRECTORY;
    }
    pendingSkip = padded(stored);
    return new TarEntry(
        name,
        type,
        mode,
        uid,
        gid,
        uname,
        gname,
        mtime,
        nanos,
        link,
        major,
        minor,
        logical,
        dataOffset,
        type.hasData() ? stored : 0,
        sparse,
        extras);
  }

  private EntryType type(byte flag, String name, long headerOffset) throws CorruptArchiveException {
    return switch (flag) {
      case 0 -> name.endsWith("/") ? EntryType.DIRECTORY : EntryType.FILE;
      case '0', '7', 'S' -> EntryType.FILE;
      case '1' -> EntryType.HARDLINK;
      case '2' -> EntryType.SYMLINK;
      case '3' -> EntryType.CHAR_DEVICE;
      case '4' -> EntryType.BLOCK_DEVICE;
      case '5', 'D' -> EntryType.DIRECTORY;
      case '6' -> EntryType.FIFO;
      default ->
          throw corrupt(
              "entry '"
                  + TarEntry.display(name)
                  + "' at offset "
                  + headerOffset
                  + " has unsupported type '"
                  + printable(flag)
                  + "'");
    };
  }

  private SparseMap oldGnuSparse(long headerOffset) throws IOException, CorruptArchiveException {
    List<SparseMap.Segment> segments = new ArrayList<>();
    addOldGnuSegments(segments, block, 386, 4, headerOffset);
    boolean extended = block[482] != 0;
    byte[] ext = new byte[BLOCK];
    while (extended) {
      if (!readInto(ext)) {
        throw corrupt("archive ends inside a sparse header at offset " + position);
      }
      addOldGnuSegments(segments, ext, 0, 21, headerOffset);
      extended = ext[504] != 0;
      if (segments.size() > SparseSegments.MAX) {
        throw corrupt("sparse map at offset " + headerOffset + " has too many segments");
      }
    }
    return new SparseMap(segments);
  }

  private void addOldGnuSegments(
      List<SparseMap.Segment> segments, byte[] b, int offset, int count, long headerOffset)
      throws CorruptArchiveException {
    for (int i = 0; i < count; i++) {
      int at = offset + i * 24;
      if (b[at] == 0 && b[at + 12] == 0) {
        return;
      }
      long o = TarNumbers.parse(b, at, 12);
      long n = TarNumbers.parse(b, at + 12, 12);
      if (o < 0 || n < 0) {
        throw corrupt("bad sparse map entry in header at offset " + headerOffset);
      }
      segments.add(new SparseMap.Segment(o, n));
    }
  }

  private SparseMap readSparseMapFromData(long stored, long headerOffset)
      throws IOException, CorruptArchiveException {
    SparseSegments.DataMapReader reader = new SparseSegments.DataMapReader();
    long consumed = 0;
    byte[] b = new byte[BLOCK];
    while (!reader.done()) {
      if (consumed + BLOCK > stored || !readInto(b)) {
        throw corrupt("sparse map of the entry at offset " + headerOffset + " is truncated");
      }
      consumed += BLOCK;
      if (!reader.feed(b)) {
        throw corrupt("malformed sparse map in the entry at offset " + headerOffset);
      }
    }
    return new SparseMap(reader.segments());
  }

  private void checkSparse(
      SparseMap sparse, long realSize, long stored, String name, long headerOffset)
      throws CorruptArchiveException {
    String problem = SparseSegments.problem(sparse, realSize, stored);
    if (problem != null) {
      throw corrupt(
          "sparse file '"
              + TarEntry.display(name)
              + "' at offset "
              + headerOffset
              + ": "
              + problem);
    }
  }

  private void checkLength(String what, String value, long headerOffset)
      throws CorruptArchiveException {
    if (value.length() > MAX_NAME_BYTES) {
      throw corrupt(
          what
              + " at offset "
              + headerOffset
              + " is "
              + value.length()
              + " bytes long (limit "
              + MAX_NAME_BYTES
              + "): '"
              + TarEntry.display(value.substring(0, 40))
              + "...'");
    }
  }

  /** Refuses a size no archive can hold; {@code what} names the member ("entry 'etc/passwd'"). */
  private void checkSize(String what, long size, long headerOffset) throws CorruptArchiveException {
    if (size > MAX_ENTRY_BYTES) {
      throw corrupt(
          what
              + " at offset "
              + headerOffset
              + " claims "
              + size
              + " bytes (limit "
              + MAX_ENTRY_BYTES
              + ")");
    }
  }

  private byte[] readMeta(long size, long headerOffset)
      throws IOException, CorruptArchiveException {
    if (size > MAX_META_BYTES) {
      throw corrupt(
          "extended header at offset "
              + headerOffset
              + " claims "
              + size
              + " bytes (limit "
              + MAX_META_BYTES
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

  private void skipData() throws IOException, CorruptArchiveException {
    if (pendingSkip > 0) {
      long n = pendingSkip;
      pendingSkip = 0;
      skip(n, position, "member data");
    }
  }

  private void skip(long n, long from, String what) throws IOException, CorruptArchiveException {
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

  private boolean readBlock(long offset) throws IOException, CorruptArchiveException {
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

  private boolean readInto(byte[] b) throws IOException {
    int got = in.readNBytes(b, 0, BLOCK);
    position += got;
    return got == BLOCK;
  }

  private void verifyChecksum(long headerOffset) throws CorruptArchiveException {
    long stored = TarNumbers.parse(block, 148, 8);
    long unsigned = 0;
    for (byte b : block) {
      unsigned += b & 0xff;
    }
    long field = 0;
    long fieldSigned = 0;
    for (int i = 148; i < 156; i++) {
      field += block[i] & 0xff;
      fieldSigned += block[i];
    }
    unsigned += 8 * ' ' - field;
    if (stored == unsigned) {
      return;
    }
    // Some old writers summed signed bytes; accept that too.
    long signed = 0;
    for (byte b : block) {
      signed += b;
    }
    signed += 8 * ' ' - fieldSigned;
    if (stored != signed) {
      throw corrupt(
          "bad tar header checksum at offset "
              + headerOffset
              + " (header says "
              + stored
              + ", computed "
              + unsigned
              + ")");
    }
  }

  private long number(int offset, int length, String field, long headerOffset)
      throws CorruptArchiveException {
    long value = TarNumbers.parse(block, offset, length);
    if (value == Long.MIN_VALUE) {
      throw corrupt("bad " + field + " field in tar header at offset " + headerOffset);
    }
    return value;
  }

  private long paxNumber(PaxRecord r, long headerOffset) throws CorruptArchiveException {
    try {
      long v = Long.parseLong(r.value());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw corrupt(
          "bad PAX "
              + r.key()
              + " '"
              + TarEntry.display(r.value())
              + "' at offset "
              + headerOffset);
    }
  }

  CorruptArchiveException corrupt(String message) {
    return new CorruptArchiveException(where + ": " + message);
  }

  private boolean matches(int offset, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (block[offset + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String intern(String s) {
    return names.computeIfAbsent(s, k -> k);
  }

  private static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  static long padded(long size) {
    return (size + BLOCK - 1) & ~(long) (BLOCK - 1);
  }

  private static String printable(byte flag) {
    return flag >= 0x20 && flag < 0x7f
        ? String.valueOf((char) flag)
        : String.format("\\x%02x", flag);
  }

  private static boolean isHeaderField(String key) {
    return switch (key) {
      case "path", "linkpath", "size", "uid", "gid", "uname", "gname", "mtime" -> true;
      default -> false;
    };
  }
}
