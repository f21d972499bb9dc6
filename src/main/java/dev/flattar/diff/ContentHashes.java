package dev.flattar.diff;

import dev.flattar.io.LayerCursor;
import dev.flattar.merge.Plan;
import dev.flattar.merge.PlannedEntry;
import dev.flattar.model.Digest;
import dev.flattar.tar.SparseMap;
import dev.flattar.tar.TarEntry;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sha256 of every regular file a plan writes, read from the source layers in the plan's order
 * (each layer front to back, as the writer reads them; sparse files with their holes).
 */
public final class ContentHashes {
  private static final byte[] ZEROS = new byte[64 * 1024];

  private final LayerCursor cursor;
  private final byte[] buffer = new byte[1 << 16];

  private ContentHashes(LayerCursor.Layers layers) {
    this.cursor = new LayerCursor(layers);
  }

  /** Hex sha256 by plan index, for every regular file (an empty one included). */
  public static Map<Integer, String> of(Plan plan, LayerCursor.Layers layers) throws IOException {
    ContentHashes h = new ContentHashes(layers);
    Map<Integer, String> out = new HashMap<>();
    try {
      List<PlannedEntry> entries = plan.entries();
      for (int i = 0; i < entries.size(); i++) {
        TarEntry e = plan.header(entries.get(i));
        if (e.type().hasData()) {
          out.put(i, h.hash(entries.get(i).layer(), e));
        }
      }
    } finally {
      h.cursor.close();
    }
    return out;
  }

  private String hash(int layer, TarEntry e) throws IOException {
    MessageDigest sha = Digest.sha256();
    if (e.size() > 0) {
      InputStream in = cursor.at(layer, e.dataOffset(), e.name());
      SparseMap sparse = e.sparse();
      if (sparse == null) {
        copy(in, e.storedSize(), sha);
      } else {
        long written = 0;
        for (SparseMap.Segment s : sparse.segments()) {
          zeros(s.offset() - written, sha);
          copy(in, s.length(), sha);
          written = s.offset() + s.length();
        }
        zeros(e.size() - written, sha);
      }
    }
    return Digest.of(sha).hex();
  }

  private void copy(InputStream in, long n, MessageDigest sha) throws IOException {
    long left = n;
    while (left > 0) {
      int got = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (got < 0) {
        throw new IOException("layer data ended early: the input changed after it was checked");
      }
      sha.update(buffer, 0, got);
      left -= got;
      cursor.advanced(got);
    }
  }

  private static void zeros(long n, MessageDigest sha) {
    for (long left = n; left > 0; left -= ZEROS.length) {
      sha.update(ZEROS, 0, (int) Math.min(ZEROS.length, left));
    }
  }
}
