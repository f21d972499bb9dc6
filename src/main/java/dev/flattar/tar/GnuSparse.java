package dev.flattar.tar;

import dev.flattar.model.CorruptArchiveException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sparse maps that GNU tar keeps outside PAX records: in the old GNU header (and the extension
 * blocks after it), and, for PAX sparse format 1.0, at the start of the member's data.
 */
final class GnuSparse {
  private GnuSparse() {}

  /** The old GNU format's map: 4 segments in the header, 21 in each extension block. */
  static SparseMap oldGnuMap(byte[] header, long headerOffset, TarBlocks blocks)
      throws IOException, CorruptArchiveException {
    List<SparseMap.Segment> segments = new ArrayList<>();
    addSegments(segments, header, 386, 4, headerOffset, blocks);
    boolean extended = header[482] != 0;
    byte[] ext = new byte[TarReader.BLOCK];
    while (extended) {
      if (!blocks.readInto(ext)) {
        throw blocks.corrupt("archive ends inside a sparse header at offset " + blocks.position());
      }
      addSegments(segments, ext, 0, 21, headerOffset, blocks);
      extended = ext[504] != 0;
      if (segments.size() > SparseSegments.MAX) {
        throw blocks.corrupt("sparse map at offset " + headerOffset + " has too many segments");
      }
    }
    return new SparseMap(segments);
  }

  /** PAX sparse 1.0: the map is text in whole blocks at the start of the {@code stored} bytes. */
  static SparseMap mapInData(long stored, long headerOffset, TarBlocks blocks)
      throws IOException, CorruptArchiveException {
    SparseSegments.DataMapReader map = new SparseSegments.DataMapReader();
    long consumed = 0;
    byte[] b = new byte[TarReader.BLOCK];
    while (!map.done()) {
      if (consumed + TarReader.BLOCK > stored || !blocks.readInto(b)) {
        throw blocks.corrupt("sparse map of the entry at offset " + headerOffset + " is truncated");
      }
      consumed += TarReader.BLOCK;
      if (!map.feed(b)) {
        throw blocks.corrupt("malformed sparse map in the entry at offset " + headerOffset);
      }
    }
    return new SparseMap(map.segments());
  }

  private static void addSegments(
      List<SparseMap.Segment> segments,
      byte[] b,
      int offset,
      int count,
      long headerOffset,
      TarBlocks blocks)
      throws CorruptArchiveException {
    for (int i = 0; i < count; i++) {
      int at = offset + i * 24;
      if (b[at] == 0 && b[at + 12] == 0) {
        return;
      }
      long o = TarNumbers.parse(b, at, 12);
      long n = TarNumbers.parse(b, at + 12, 12);
      if (o < 0 || n < 0) {
        throw blocks.corrupt("bad sparse map entry in header at offset " + headerOffset);
      }
      segments.add(new SparseMap.Segment(o, n));
    }
  }
}
