package dev.flattar.tar;

import dev.flattar.model.CorruptArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads tar headers from a stream and skips over member data, reporting where each member's data
 * lies. Reading rules follow Go's archive/tar (what Docker, containerd and podman use): header-only
 * types carry no data whatever their size field says, PAX global headers are ignored, a clean end
 * of stream at a header boundary ends the archive.
 */
public final class TarReader {
  public static final int BLOCK = TarBlocks.BLOCK;

  /** Largest PAX or GNU long-name header accepted; real ones are a few hundred bytes. */
  public static final int MAX_META_BYTES = 1 << 20;

  /** Longest member name or link target accepted, in bytes (Linux's PATH_MAX is 4096). */
  public static final int MAX_NAME_BYTES = 64 << 10;

  /**
   * Largest size a member may claim (4 EiB): far beyond any real archive, and small enough that
   * offsets and sizes added together never overflow.
   */
  public static final long MAX_ENTRY_BYTES = 1L << 62;

  private final TarBlocks blocks;
  private final byte[] block = new byte[BLOCK];
  private final Map<String, String> names = new HashMap<>();
  private long pendingSkip;
  private boolean ended;

  /**
   * @param where names the archive in errors, e.g. {@code "layer 2 (blobs/sha256/ab12…)"}
   */
  public TarReader(InputStream in, String where) {
    this.blocks = new TarBlocks(in, where);
  }

  /** Bytes consumed from the stream so far. */
  public long position() {
    return blocks.position();
  }

  /** The next member, or null at the end of the archive. */
  public @Nullable TarEntry next() throws IOException, CorruptArchiveException {
    if (ended) {
      return null;
    }
    skipData();
    List<PaxRecord> pax = null;
    String longName = null;
    String longLink = null;
    while (true) {
      long headerOffset = blocks.position();
      if (!blocks.readHeader(block)) {
        if (pax != null || longName != null || longLink != null) {
          throw blocks.corrupt("archive ends after an extended header at offset " + headerOffset);
        }
        ended = true;
        return null;
      }
      if (isZero(block)) {
        ended = true;
        if (blocks.readHeader(block) && !isZero(block)) {
          throw blocks.corrupt("data after the end-of-archive block at offset " + headerOffset);
        }
        return null;
      }
      if (!HeaderChecksum.matches(block)) {
        throw blocks.corrupt(
            "bad tar header checksum at offset "
                + headerOffset
                + " (header says "
                + TarNumbers.parse(block, 148, 8)
                + ", computed "
                + HeaderChecksum.unsigned(block)
                + ")");
      }
      byte flag = block[156];
      long size = TarNumbers.parse(block, 124, 12);
      if (size == Long.MIN_VALUE) {
        throw blocks.corrupt("bad size field in tar header at offset " + headerOffset);
      }
      if (size < 0) {
        throw blocks.corrupt("negative size in tar header at offset " + headerOffset);
      }
      switch (flag) {
        case 'x' -> {
          List<PaxRecord> records =
              PaxRecords.parse(
                  blocks.readMeta(size, headerOffset),
                  blocks.where() + " at offset " + headerOffset);
          pax = records; // as in Go, a later extended header replaces an earlier one
        }
        case 'g' -> blocks.readMeta(size, headerOffset);
        case 'L' -> longName = cString(blocks.readMeta(size, headerOffset));
        case 'K' -> longLink = cString(blocks.readMeta(size, headerOffset));
        case 'V' -> {
          checkSize("volume label", size, headerOffset);
          blocks.skip(TarBlocks.padded(size), headerOffset, "volume label");
        }
        default -> {
          return member(size, headerOffset, pax, longName, longLink);
        }
      }
    }
  }

  /** The member whose header block was just read, and whose extended headers came before it. */
  private TarEntry member(
      long size,
      long headerOffset,
      @Nullable List<PaxRecord> pax,
      @Nullable String longName,
      @Nullable String longLink)
      throws IOException, CorruptArchiveException {
    HeaderFields h = new HeaderFields(block, size, headerOffset, blocks, names);
    SparseMap sparse = null;
    long realSize = -1;
    if (h.flag == 'S' && !h.gnu) {
      throw blocks.corrupt("sparse entry at offset " + headerOffset + " is not in the GNU format");
    }
    if (h.flag == 'S') {
      sparse = GnuSparse.oldGnuMap(block, headerOffset, blocks);
      realSize = h.number(483, 12, "realsize");
    }
    if (pax != null) {
      h.applyPax(pax, names);
    }
    h.applyLongNames(longName, longLink);
    checkLength("name of the entry", h.name, headerOffset);
    checkLength("link target of the entry", h.link, headerOffset);
    EntryType type = EntryType.of(h.flag, h.name);
    if (type == null) {
      throw blocks.corrupt(
          "entry '"
              + TarEntry.display(h.name)
              + "' at offset "
              + headerOffset
              + " has unsupported type '"
              + printable(h.flag)
              + "'");
    }
    long stored = type.hasData() || h.flag == 'D' ? h.size : 0;
    if (stored < 0 || h.size < 0) {
      throw blocks.corrupt(
          "negative size for '" + TarEntry.display(h.name) + "' at offset " + headerOffset);
    }
    checkEntrySize(h.name, stored, headerOffset);
    long dataOffset = blocks.position();
    PaxSparse paxSparse = h.paxSparse;
    if (paxSparse != null && paxSparse.isSparse()) {
      String sparseName = paxSparse.name();
      if (sparseName != null) {
        h.name = sparseName;
      }
      realSize = paxSparse.realSize(headerOffset, blocks);
      checkLength("name of the entry", h.name, headerOffset);
      if (paxSparse.mapInData()) {
        long before = blocks.position();
        sparse = GnuSparse.mapInData(stored, headerOffset, blocks);
        stored -= blocks.position() - before;
        dataOffset = blocks.position();
      } else {
        sparse = paxSparse.map(headerOffset, blocks);
      }
    }
    long logical = stored;
    if (sparse != null) {
      checkEntrySize(h.name, realSize, headerOffset);
      checkSparse(sparse, realSize, stored, h.name, headerOffset);
      logical = realSize;
    } else if (!type.hasData()) {
      logical = 0;
    }
    if (h.flag == 'D') {
      type = EntryType.DIRECTORY;
    }
    pendingSkip = TarBlocks.padded(stored);
    return TarEntry.builder(h.name, type)
        .mode(h.mode)
        .owner(h.uid, h.gid, h.uname, h.gname)
        .mtime(h.mtime, h.nanos)
        .linkName(h.link)
        .device(h.major, h.minor)
        .data(logical, dataOffset, type.hasData() ? stored : 0)
        .sparse(sparse)
        .extraPax(h.extras)
        .build();
  }

  private void checkSparse(
      SparseMap sparse, long realSize, long stored, String name, long headerOffset)
      throws CorruptArchiveException {
    String problem = SparseSegments.problem(sparse, realSize, stored);
    if (problem != null) {
      throw blocks.corrupt(
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
      throw blocks.corrupt(
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

  /** As {@link #checkSize}, for a member: its name is made printable only if it fails. */
  private void checkEntrySize(String name, long size, long headerOffset)
      throws CorruptArchiveException {
    if (size > MAX_ENTRY_BYTES) {
      checkSize("entry '" + TarEntry.display(name) + "'", size, headerOffset);
    }
  }

  /** Refuses a size no archive can hold; {@code what} names the member ("entry 'etc/passwd'"). */
  private void checkSize(String what, long size, long headerOffset) throws CorruptArchiveException {
    if (size > MAX_ENTRY_BYTES) {
      throw blocks.corrupt(
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

  private void skipData() throws IOException, CorruptArchiveException {
    if (pendingSkip > 0) {
      long n = pendingSkip;
      pendingSkip = 0;
      blocks.skip(n, blocks.position(), "member data");
    }
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

  private static String printable(byte flag) {
    return flag >= 0x20 && flag < 0x7f
        ? String.valueOf((char) flag)
        : String.format("\\x%02x", flag);
  }
}
