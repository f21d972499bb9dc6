package dev.flattar.writer;

import dev.flattar.merge.Plan;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.Progress;
import java.io.IOException;

/**
 * Writes only the merged filesystem: the flattened layer itself, as a plain (or compressed) tar.
 */
public final class RootfsWriter {
  private RootfsWriter() {}

  public static LayerBlob write(
      Plan plan,
      LayerStreams layers,
      OutputCompression compression,
      ArchiveSink sink,
      Progress progress)
      throws IOException {
    progress.phase("writing", plan.layerSize());
    LayerBlob blob = LayerBlobWriter.write(plan, layers, compression, sink.stream(), progress);
    sink.flush();
    return blob;
  }
}
