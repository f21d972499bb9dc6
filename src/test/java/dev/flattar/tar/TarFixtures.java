package dev.flattar.tar;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.flattar.model.CorruptArchiveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds tar archives and raw header blocks in memory and reads them back with TarReader. */
final class TarFixtures {
  static final int BLOCK = TarReader.BLOCK;
  static final String WHERE = "test.tar";

  private TarFixtures() {}

  /** A mutable stand-in for the 17-component TarEntry constructor. */
  static final class Entry {
    String name;
    EntryType type;
    int mode = 0644;
    long uid;
    long gid;
    String uname = "";
    String gname = "";
    long mtime = 1_700_000_000L;
    int nanos;
    String link = "";
    int major;
    int minor;
    long size;
    List<PaxRecord> pax = List.of();

    Entry(String name, EntryType type) {
      this.name = name;
      this.type = type;
    }

    TarEntry build() {
      long stored = type.hasData() ? size : 0;
      return new TarEntry(
          name, type, mode, uid, gid, uname, gname, mtime, nanos, link, major, minor, size, 0,
          stored, null, pax);
    }
  }

  static Entry file(String name, long size) {
    Entry e = new Entry(name, EntryType.FILE);
    e.size = size;
    return e;
  }

  static Entry of(String name, EntryType type) {
    Entry e = new Entry(name, type);
    e.mode = type == EntryType.DIRECTORY ? 0755 : 0644;
    return e;
  }

  /** The entry with its stream location cleared, for comparing metadata only. */
  static TarEntry unlocated(TarEntry e) {
    return new TarEntry(
        e.name(),
        e.type(),
        e.mode(),
        e.uid(),
        e.gid(),
        e.uname(),
        e.gname(),
        e.mtimeSeconds(),
        e.mtimeNanos(),
        e.linkName(),
        e.devMajor(),
        e.devMinor(),
        e.size(),
        0,
        0,
        e.sparse(),
        e.extraPax());
  }

  /** Carrier string of raw bytes. */
  static String bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return new String(b, ISO_8859_1);
  }

  static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  /** A path of exactly {@code length} bytes built from 200-byte directory components. */
  static String deepPath(int length) {
    StringBuilder b = new StringBuilder();
    int dir = 0;
    while (length - b.length() > 255) {
      b.append((char) ('a' + dir++ % 26)).append(repeat('d', 199)).append('/');
    }
    return b.append(repeat('f', length - b.length())).toString();
  }

  /** Appends encoded members, data and padding, then the two end-of-archive blocks. */
  static final class Archive {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Archive add(TarEntry entry, byte[] data) {
      out.writeBytes(TarHeaderEncoder.encode(entry));
      out.writeBytes(data);
      out.writeBytes(new byte[(int) (TarBlocks.padded(data.length) - data.length)]);
      return this;
    }

    Archive add(TarEntry entry) {
      return add(entry, new byte[(int) entry.storedSize()]);
    }

    Archive raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    /** Without end-of-archive blocks. */
    byte[] unterminated() {
      return out.toByteArray();
    }

    byte[] finish() {
      out.writeBytes(new byte[2 * BLOCK]);
      return out.toByteArray();
    }
  }

  static List<TarEntry> readAll(byte[] archive) throws IOException, CorruptArchiveException {
    TarReader reader = new TarReader(new ByteArrayInputStream(archive), WHERE);
    List<TarEntry> entries = new ArrayList<>();
    TarEntry e;
    while ((e = reader.next()) != null) {
      entries.add(e);
    }
    return entries;
  }

  static TarEntry readOnly(byte[] archive) throws IOException, CorruptArchiveException {
    List<TarEntry> all = readAll(archive);
    if (all.size() != 1) {
      throw new AssertionError("expected one entry, got " + all);
    }
    return all.get(0);
  }

  /** The bytes the archive stores for {@code e}. */
  static byte[] stored(byte[] archive, TarEntry e) {
    return Arrays.copyOfRange(
        archive, (int) e.dataOffset(), (int) (e.dataOffset() + e.storedSize()));
  }

  /** The file content of {@code e}: stored bytes, expanded through the sparse map if any. */
  static byte[] content(byte[] archive, TarEntry e) {
    byte[] stored = stored(archive, e);
    if (!e.isSparse()) {
      return stored;
    }
    byte[] out = new byte[(int) e.size()];
    int from = 0;
    for (SparseMap.Segment s : e.sparse().segments()) {
      System.arraycopy(stored, from, out, (int) s.offset(), (int) s.length());
      from += (int) s.length();
    }
    return out;
  }

  /** A single encoded ustar header block (no PAX) for {@code entry}, for patching. */
  static byte[] header(TarEntry entry) {
    byte[] h = TarHeaderEncoder.encode(entry);
    if (h.length != BLOCK) {
      throw new AssertionError("entry needs PAX: " + entry);
    }
    return h;
  }

  /** Overwrites a field with ASCII text (NUL-padded to {@code length}) and fixes the checksum. */
  static byte[] patch(byte[] header, int offset, int length, String text) {
    Arrays.fill(header, offset, offset + length, (byte) 0);
    byte[] b = text.getBytes(ISO_8859_1);
    System.arraycopy(b, 0, header, offset, b.length);
    return checksum(header);
  }

  static byte[] patchByte(byte[] header, int offset, int value) {
    header[offset] = (byte) value;
    return checksum(header);
  }

  static byte[] checksum(byte[] header) {
    Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    byte[] digits = String.format("%06o", sum).getBytes(ISO_8859_1);
    System.arraycopy(digits, 0, header, 148, 6);
    header[154] = 0;
    return header;
  }

  /** A header block of the given type carrying {@code data}: PAX ('x', 'g') or GNU ('L', 'K'). */
  static byte[] metaHeader(char flag, byte[] data) {
    Entry e = file("././@meta", data.length);
    byte[] h = header(e.build());
    h[156] = (byte) flag;
    checksum(h);
    byte[] out = new byte[(int) (BLOCK + TarBlocks.padded(data.length))];
    System.arraycopy(h, 0, out, 0, BLOCK);
    System.arraycopy(data, 0, out, BLOCK, data.length);
    return out;
  }

  static byte[] paxData(String... keyValues) {
    List<PaxRecord> records = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      records.add(new PaxRecord(keyValues[i], keyValues[i + 1]));
    }
    return PaxRecords.format(records);
  }
}
