package dev.flattar.pipeline;

import dev.flattar.archive.LayerRef;
import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.Skipped;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.InputSource;
import dev.flattar.merge.MergeLog;
import dev.flattar.merge.MergeSettings;
import dev.flattar.merge.Merger;
import dev.flattar.merge.Plan;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Platform;
import dev.flattar.model.Reporter;
import dev.flattar.tar.TarEntry;
import dev.flattar.writer.OutputTags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code inspect}: the merge planned from headers alone, reported instead of written. */
final class Inspection {
  private Inspection() {}

  static Inspected inspect(InputSource input, Job job) throws FlatTarException, IOException {
    List<InspectedImage> images = new ArrayList<>();
    Chosen chosen = ImageSources.chosen(input, job);
    for (SourceImage image : chosen.platforms()) {
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
      Platform platform = image.platform();
      images.add(
          new InspectedImage(
              image.id(), tags, platform == null ? null : platform.toString(), layers, keep, plan));
    }
    List<Inspected.Skipped> skipped = new ArrayList<>();
    for (Skipped s : chosen.skipped()) {
      skipped.add(
          new Inspected.Skipped(
              s.kind().name().toLowerCase(Locale.ROOT), s.where(), s.what(), s.why()));
    }
    return new Inspected(images, skipped);
  }
}
