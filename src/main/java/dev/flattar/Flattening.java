package dev.flattar;

import dev.flattar.archive.ImageLayouts;
import dev.flattar.archive.ImageSelection;
import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.OuterArchive;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.Compression;
import dev.flattar.io.InputArchive;
import dev.flattar.io.SkipByReading;
import dev.flattar.merge.Merger;
import dev.flattar.merge.Plan;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Reporter;
import dev.flattar.model.Texts;
import dev.flattar.tar.TarEntry;
import dev.flattar.writer.ArchiveWriter;
import dev.flattar.writer.LayerStreams;
import dev.flattar.writer.OutputImage;
import dev.flattar.writer.OutputTags;
import dev.flattar.writer.WrittenImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job, stage by stage: index the archive, find the image, scan and check its layers, plan
 * the merge from headers, stream the flattened archive out. Everything that can be wrong with the
 * input is found before the first output byte.
 */
final class Flattening {
  private Flattening() {}

  static FlattenResult run(InputArchive input, OutputStream out, FlattenOptions options)
      throws FlatTarException, IOException {
    Reporter reporter = options.reporter();
    OuterArchive archive = OuterArchive.read(input);
    List<SourceImage> images = ImageLayouts.read(archive, reporter);
    SourceImage image = ImageSelection.select(images, options.image(), input.label());
    List<String> tags = OutputTags.choose(options.tags(), image.tags(), reporter);
    reporter.verbose(
        "flattening "
            + image.displayName()
            + " from "
            + image.origin()
            + ": "
            + Texts.count(image.layers().size(), "layer"));

    long start = System.nanoTime();
    List<ScannedLayer> layers = LayerScanner.scan(image.layers(), options.threads());
    long scanned = System.nanoTime();
    List<List<TarEntry>> entries = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ScannedLayer layer : layers) {
      entries.add(layer.entries());
      names.add(layer.ref().describe());
      reporter.verbose(
          layer.ref().describe()
              + ": "
              + layer.compression().label()
              + ", "
              + layer.entries().size()
              + " members, "
              + layer.diffId());
    }
    Plan plan = Merger.merge(entries, names);
    long planned = System.nanoTime();
    reporter.verbose(
        "merged: "
            + plan.stats().kept()
            + " of "
            + plan.stats().members()
            + " members kept, "
            + plan.stats().whiteouts()
            + " whiteouts applied, "
            + plan.stats().linksRewritten()
            + " hard links rewritten; layer is "
            + plan.layerSize()
            + " bytes");

    OutputImage output =
        new OutputImage(
            image.id(), image.config(), image.layers().size(), tags, plan, streams(layers));
    WrittenImage written = new ArchiveWriter(Version.product()).write(output, out);
    reporter.verbose(
        String.format(
            "timing: read and check layers %.2f s, plan %.2f s, write %.2f s",
            (scanned - start) / 1e9,
            (planned - scanned) / 1e9,
            (System.nanoTime() - planned) / 1e9));
    return new FlattenResult(
        image.id(),
        image.layers().size(),
        written.id(),
        written.diffId(),
        written.layerSize(),
        written.tags(),
        plan.stats());
  }

  /** Re-opens each layer's uncompressed stream for the writer. */
  private static LayerStreams streams(List<ScannedLayer> layers) {
    return k -> {
      ScannedLayer layer = layers.get(k);
      InputStream raw = layer.ref().data().open();
      if (layer.compression() == Compression.NONE) {
        // Small members are read through the buffer; large ones bypass it; gaps are seeks.
        return new BufferedInputStream(raw, 1 << 16);
      }
      return new SkipByReading(
          layer.compression().decompress(new BufferedInputStream(raw, 1 << 16)));
    };
  }
}
