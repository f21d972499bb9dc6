package dev.flattar.writer;

import dev.flattar.io.LayerCursor;
import dev.flattar.merge.Plan;
import dev.flattar.merge.PlannedEntry;
import dev.flattar.model.Progress;
import dev.flattar.tar.SparseMap;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarHeaderEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a {@link Plan} as a tar stream: each header, then the member's data copied from its source
 * layer. The plan visits each layer's data front to back, so every layer stream is opened once and
 * only skipped forward.
 */
final class LayerWriter {
  private static final byte[] ZEROS = new byte[64 * 1024];

  private final LayerCursor cursor;
  private final Progress progress;

  /** Each ustar header is encoded here and copied out before the next. */
  private final byte[] block = new byte[512];

  private LayerWriter(LayerStreams layers, Progress progress) {
    this.cursor = new LayerCursor(layers::open);
    this.progress = progress;
  }

  /** Writes the whole layer, end blocks included; {@code out} counts and hashes it. */
  static void write(
      Plan plan, LayerStreams layers, ParallelDigestOutputStream out, Progress progress)
      throws IOException {
    LayerWriter w = new LayerWriter(layers, progress);
    try {
      for (PlannedEntry p : plan.entries()) {
        w.member(plan, p, out);
      }
      out.write(ZEROS, 0, Plan.END_OF_ARCHIVE);
    } finally {
      w.cursor.close();
    }
  }

  private void member(Plan plan, PlannedEntry p, ParallelDigestOutputStream out)
      throws IOException {
    TarEntry e = plan.header(p);
    byte[] header = TarHeaderEncoder.encode(e, block);
    out.write(header);
    progress.entries(1);
    progress.bytes(header.length);
    if (!e.type().hasData() || e.size() == 0) {
      return;
    }
    InputStream in = cursor.at(p.layer(), e.dataOffset(), e.name());
    SparseMap sparse = e.sparse();
    if (sparse != null) {
      expand(in, e, sparse, out);
    } else {
      copy(in, e.storedSize(), out, e);
    }
    int pad = (int) (-e.size() & 511);
    out.write(ZEROS, 0, pad);
  }

  private void expand(InputStream in, TarEntry e, SparseMap sparse, ParallelDigestOutputStream out)
      throws IOException {
    long written = 0;
    for (SparseMap.Segment s : sparse.segments()) {
      zeros(s.offset() - written, out);
      copy(in, s.length(), out, e);
      written = s.offset() + s.length();
    }
    zeros(e.size() - written, out);
  }

  private void copy(InputStream in, long n, ParallelDigestOutputStream out, TarEntry e)
      throws IOException {
    long got = out.writeFrom(in, n);
    progress.bytes(got);
    cursor.advanced(got);
    if (got < n) {
      throw new IOException(
          "layer data for '"
              + TarEntry.display(e.name())
              + "' ended early: the input changed"
              + " after it was checked");
    }
  }

  private static void zeros(long n, OutputStream out) throws IOException {
    long remaining = n;
    while (remaining > 0) {
      int step = (int) Math.min(ZEROS.length, remaining);
      out.write(ZEROS, 0, step);
      remaining -= step;
    }
  }
}
