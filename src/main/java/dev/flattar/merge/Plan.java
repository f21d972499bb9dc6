package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarHeaderEncoder;
import java.util.List;

/**
 * The flattened layer, decided before a byte of it is written: its members in output order (parents
 * before children, hard-link targets before links, each path once, no whiteouts), and so its exact
 * size.
 */
public record Plan(List<PlannedEntry> entries, long layerSize, MergeStats stats, long clampMtime) {
  /** The two zero blocks that end a tar stream (Go's writer writes exactly these). */
  public static final int END_OF_ARCHIVE = 1024;

  public Plan {
    // PlanEntries is read-only and compact; a copy would build every member as an object.
    entries = entries instanceof PlanEntries ? entries : List.copyOf(entries);
  }

  static Plan of(List<PlannedEntry> entries, MergeStats stats, long clampMtime) {
    long size = END_OF_ARCHIVE;
    for (PlannedEntry p : entries) {
      TarEntry header = header(p, clampMtime);
      size +=
          TarHeaderEncoder.encodedLength(header)
              + padded(header.type().hasData() ? header.size() : 0);
    }
    return new Plan(entries, size, stats, clampMtime);
  }

  /** The header to write for a planned member ({@link OutputHeaders}). */
  public TarEntry header(PlannedEntry p) {
    return header(p, clampMtime);
  }

  private static TarEntry header(PlannedEntry p, long clampMtime) {
    return OutputHeaders.of(p.header(), clampMtime);
  }

  static long padded(long size) {
    return (size + 511) & ~511L;
  }
}
