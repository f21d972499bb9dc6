package dev.flattar.tar;

import java.util.List;

/**
 * Where the stored fragments of a sparse file go in the expanded file: each segment is {@code
 * length} stored bytes placed at {@code offset}; everything else reads as zeros.
 */
public record SparseMap(List<Segment> segments) {
  public record Segment(long offset, long length) {}

  public SparseMap {
    segments = List.copyOf(segments);
  }

  /** Bytes of stored data the map accounts for. */
  public long storedBytes() {
    long total = 0;
    for (Segment s : segments) {
      total += s.length();
    }
    return total;
  }
}
