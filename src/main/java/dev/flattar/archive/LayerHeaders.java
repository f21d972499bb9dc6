package dev.flattar.archive;

import dev.flattar.model.FlatTarException;
import dev.flattar.model.Progress;
import dev.flattar.tar.EntryTable;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The loop that reads a layer's member headers, counted against the image's limits, into a compact
 * {@link EntryTable}.
 */
final class LayerHeaders {
  private LayerHeaders() {}

  /**
   * Reads every header of the tar stream {@code tar}, skipping member data.
   *
   * @param where names the layer in errors
   */
  static List<TarEntry> read(InputStream tar, String where, ImageLimits limits, Progress progress)
      throws FlatTarException, IOException {
    EntryTable entries = new EntryTable();
    TarReader reader = new TarReader(tar, where);
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      limits.countMember(where);
      entries.append(e);
      progress.entries(1);
    }
    return entries.seal();
  }
}
