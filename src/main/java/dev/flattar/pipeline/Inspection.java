package dev.flattar.pipeline;

import dev.flattar.archive.LayerRef;
import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.InputArchive;
import dev.flattar.merge.MergeLog;
import dev.flattar.merge.MergeSettings;
import dev.flattar.merge.Merger;
import dev.flattar.merge.Plan;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Reporter;
import dev.flattar.tar.TarEntry;
import dev.flattar.writer.OutputTags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code inspect}: the merge planned from headers alone, reported instead of written. */
final class Inspection {
  private Inspection() {}

  static List<InspectedImage> inspect(InputArchive input, Job job)
      throws FlatTarException, IOException {
    List<InspectedImage> images = new ArrayList<>();
    for (SourceImage image : ImageSources.chosen(input, job)) {
      List<ScannedLayer> layers = new ArrayList<>();
      for (LayerRef ref : image.layers()) {
        layers.add(LayerScanner.headersOnly(ref));
      }
      int keep = BaseSelection.keep(job.base(), image.displayName(), BaseSelection.diffIds(image));
      List<List<TarEntry>> entries = new ArrayList<>();
      List<String> names = new ArrayList<>();
      layers.forEach(l -> entries.add(l.entries()));
      layers.forEach(l -> names.add(l.ref().describe()));
      Plan plan =
          Merger.merge(entries, names, new MergeSettings(keep, job.clampMtime(), MergeLog.NONE));
      List<String> tags = OutputTags.choose(List.of(), image.tags(), Reporter.SILENT);
      images.add(new InspectedImage(image.id(), tags, layers, keep, plan));
    }
    return images;
  }
}
