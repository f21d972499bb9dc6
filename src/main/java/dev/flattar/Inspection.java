package dev.flattar;

import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.InputArchive;
import dev.flattar.merge.MergeLog;
import dev.flattar.merge.MergeSettings;
import dev.flattar.merge.MergeStats;
import dev.flattar.merge.Merger;
import dev.flattar.merge.Plan;
import dev.flattar.model.FlatTarException;
import dev.flattar.tar.TarEntry;
import dev.flattar.writer.OutputTags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code inspect}: the merge planned from headers alone, reported instead of written. */
final class Inspection {
  private Inspection() {}

  static InspectReport inspect(InputArchive input, FlattenOptions options)
      throws FlatTarException, IOException {
    List<InspectReport.Image> images = new ArrayList<>();
    for (SourceImage image : Flattening.chosen(input, options)) {
      List<ScannedLayer> layers = new ArrayList<>();
      for (var ref : image.layers()) {
        layers.add(LayerScanner.headersOnly(ref));
      }
      int keep = BaseSelection.keep(options, image.displayName(), BaseSelection.diffIds(image));
      List<List<TarEntry>> entries = new ArrayList<>();
      List<String> names = new ArrayList<>();
      layers.forEach(l -> entries.add(l.entries()));
      layers.forEach(l -> names.add(l.ref().describe()));
      Plan plan =
          Merger.merge(
              entries, names, new MergeSettings(keep, options.clampSeconds(), MergeLog.NONE));
      List<InspectReport.Layer> reports = new ArrayList<>();
      for (int k = 0; k < layers.size(); k++) {
        ScannedLayer l = layers.get(k);
        MergeStats.LayerStats s = plan.stats().layers().get(k);
        reports.add(
            new InspectReport.Layer(
                k + 1,
                l.ref().member(),
                l.compression().label(),
                l.ref().data().length(),
                s.entries(),
                s.bytes(),
                s.hiddenEntries(),
                s.hiddenBytes()));
      }
      List<String> tags =
          OutputTags.choose(List.of(), image.tags(), dev.flattar.model.Reporter.SILENT);
      images.add(
          new InspectReport.Image(
              image.id(), tags, reports, keep, plan.entries().size(), plan.layerSize()));
    }
    return new InspectReport(images);
  }
}
