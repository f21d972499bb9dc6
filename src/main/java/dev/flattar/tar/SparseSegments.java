package dev.flattar.tar;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Validation of sparse maps and the parser for the map that PAX sparse 1.0 stores in data. */
final class SparseSegments {
  /** More segments than any real file has; bounds memory for hostile input. */
  static final int MAX = 1 << 20;

  private SparseSegments() {}

  /** Why the map cannot describe a file of {@code realSize} bytes with {@code stored} bytes. */
  static @Nullable String problem(SparseMap map, long realSize, long stored) {
    long end = 0;
    long total = 0;
    for (SparseMap.Segment s : map.segments()) {
      if (s.offset() < end) {
        return "segments overlap or are out of order at offset " + s.offset();
      }
      end = s.offset() + s.length();
      if (end < 0 || end > realSize) {
        return "segment at " + s.offset() + " ends past the file size " + realSize;
      }
      total += s.length();
    }
    if (total != stored) {
      return "map covers " + total + " bytes but " + stored + " are stored";
    }
    return null;
  }

  /** Reads {@code count\n(offset\nlength\n)*} spread over 512-byte blocks. */
  static final class DataMapReader {
    private final List<SparseMap.Segment> segments = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private long count = -1;
    private long pendingOffset = -1;

    /** Consumes one block; false when the map is malformed. */
    boolean feed(byte[] block) {
      for (byte b : block) {
        if (done()) {
          return true;
        }
        if (b == '\n') {
          if (!number()) {
            return false;
          }
        } else if (b >= '0' && b <= '9' && current.length() < 19) {
          current.append((char) b);
        } else {
          return false;
        }
      }
      return true;
    }

    private boolean number() {
      if (current.length() == 0) {
        return false;
      }
      long value = Long.parseLong(current.toString());
      current.setLength(0);
      if (count < 0) {
        if (value > MAX) {
          return false;
        }
        count = value;
      } else if (pendingOffset < 0) {
        pendingOffset = value;
      } else {
        segments.add(new SparseMap.Segment(pendingOffset, value));
        pendingOffset = -1;
      }
      return true;
    }

    boolean done() {
      return count >= 0 && segments.size() == count && pendingOffset < 0;
    }

    List<SparseMap.Segment> segments() {
      return segments;
    }
  }
}
