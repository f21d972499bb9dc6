package dev.flattar;

import dev.flattar.archive.DeferredDigests;
import dev.flattar.archive.ImageLayouts;
import dev.flattar.archive.ImageSelection;
import dev.flattar.archive.LayerRef;
import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.OuterArchive;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.FileSlice;
import dev.flattar.io.InputArchive;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Reporter;
import dev.flattar.model.Texts;
import dev.flattar.writer.ArchiveSink;
import dev.flattar.writer.ArchiveWriter;
import dev.flattar.writer.LayerBlob;
import dev.flattar.writer.OutputImage;
import dev.flattar.writer.OutputTags;
import dev.flattar.writer.RootfsWriter;
import dev.flattar.writer.WriterSettings;
import dev.flattar.writer.WrittenImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job, stage by stage: index the archive, choose the images, scan and check their layers
 * (each stored layer once), plan each new layer from headers, stream the archive out. Everything
 * that can be wrong with the input is found before the first output byte, or, when the output is a
 * file that appears only when complete, before that file is kept: there the digests of uncompressed
 * layers are checked while the output is written ({@link DeferredDigests}).
 */
final class Flattening {
  private Flattening() {}

  /** What a run wrote, and what it planned (for --verify). */
  record Run(FlattenResult result, List<OutputImage> planned, List<WrittenImage> written) {}

  static Run flatten(InputArchive input, ArchiveSink sink, FlattenOptions options)
      throws FlatTarException, IOException {
    return flatten(input, sink, options, false);
  }

  /**
   * @param keptWhenComplete whether the sink is kept only if this returns normally (a temporary
   *     file renamed at the end), so checks may finish after the first bytes are written
   */
  static Run flatten(
      InputArchive input, ArchiveSink sink, FlattenOptions options, boolean keptWhenComplete)
      throws FlatTarException, IOException {
    Reporter reporter = options.reporter();
    List<SourceImage> images = chosen(input, options);
    if (options.maxLayers() != null
        && images.stream().allMatch(i -> i.layers().size() <= options.maxLayers())) {
      reporter.info(
          String.join(", ", images.stream().map(SourceImage::displayName).toList())
              + " already has at most "
              + Texts.count(options.maxLayers(), "layer")
              + "; copied the archive unchanged");
      try (InputStream in = new FileSlice(input.channel(), 0, input.size()).open()) {
        in.transferTo(sink.stream());
      }
      sink.flush();
      return new Run(new FlattenResult(List.of(), true), List.of(), List.of());
    }
    try (DeferredDigests deferred = keptWhenComplete ? DeferredDigests.start(1) : null) {
      List<List<ScannedLayer>> scanned =
          scan(
              input,
              images,
              options,
              options.keepBase() > 0 || options.fromLayer() != null,
              deferred);
      Run run = write(images, scanned, sink, options);
      if (deferred != null) {
        deferred.await();
      }
      return run;
    }
  }

  private static Run write(
      List<SourceImage> images,
      List<List<ScannedLayer>> scanned,
      ArchiveSink sink,
      FlattenOptions options)
      throws FlatTarException, IOException {
    Reporter reporter = options.reporter();
    List<OutputImage> outputs = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      SourceImage image = images.get(i);
      List<String> tags = OutputTags.choose(options.tags(), image.tags(), reporter);
      outputs.add(ImagePlanning.plan(image, scanned.get(i), tags, options));
    }
    WriterSettings settings =
        new WriterSettings(
            options.format(),
            options.compression(),
            Version.product(),
            options.createdText(),
            options.tempDir(),
            options.progress());
    List<WrittenImage> written = new ArchiveWriter(settings).write(outputs, sink);
    List<ImageResult> results = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      OutputImage o = outputs.get(i);
      WrittenImage w = written.get(i);
      results.add(
          new ImageResult(
              o.sourceId(),
              o.sourceLayers(),
              o.kept().size(),
              w.id(),
              w.layer().diffId(),
              w.layer().size(),
              w.tags(),
              o.plan().stats()));
    }
    return new Run(new FlattenResult(results, false), outputs, written);
  }

  /** Writes only the merged filesystem of the chosen image. */
  static ImageResult rootfs(
      InputArchive input, ArchiveSink sink, FlattenOptions options, boolean keptWhenComplete)
      throws FlatTarException, IOException {
    if (options.allImages() || options.keepBase() > 0 || options.fromLayer() != null) {
      throw new IllegalArgumentException(
          "--rootfs writes one merged filesystem: it takes neither --all-images nor a kept base");
    }
    SourceImage image = chosen(input, options).get(0);
    List<ScannedLayer> layers;
    OutputImage planned;
    LayerBlob blob;
    try (DeferredDigests deferred = keptWhenComplete ? DeferredDigests.start(1) : null) {
      layers = scan(input, List.of(image), options, false, deferred).get(0);
      planned = ImagePlanning.plan(image, layers, List.of(), options);
      blob =
          RootfsWriter.write(
              planned.plan(), planned.layers(), options.compression(), sink, options.progress());
      if (deferred != null) {
        deferred.await();
      }
    }
    return new ImageResult(
        image.id(),
        layers.size(),
        0,
        null,
        blob.diffId(),
        blob.size(),
        List.of(),
        planned.plan().stats());
  }

  static List<SourceImage> chosen(InputArchive input, FlattenOptions options)
      throws FlatTarException, IOException {
    OuterArchive archive = OuterArchive.read(input);
    List<SourceImage> images = ImageLayouts.read(archive, options.reporter());
    if (options.allImages()) {
      if (!options.tags().isEmpty() && images.size() > 1) {
        throw new InvalidImageException(
            "--tag names one image, but --all-images writes "
                + images.size()
                + "; keep their own names");
      }
      return images;
    }
    return List.of(ImageSelection.select(images, options.image(), input.label()));
  }

  /** Scans the layers of all the images, each stored layer once; the results per image. */
  private static List<List<ScannedLayer>> scan(
      InputArchive input,
      List<SourceImage> images,
      FlattenOptions options,
      boolean keepsBase,
      DeferredDigests deferred)
      throws FlatTarException, IOException {
    List<LayerRef> all = new ArrayList<>();
    images.forEach(i -> all.addAll(i.layers()));
    boolean hashStored = keepsBase && options.format().oci();
    List<ScannedLayer> scanned =
        LayerScanner.scan(
            all, options.threads(), hashStored, options.progress(), deferred, input.digests());
    List<List<ScannedLayer>> perImage = new ArrayList<>();
    int at = 0;
    for (SourceImage image : images) {
      perImage.add(scanned.subList(at, at + image.layers().size()));
      at += image.layers().size();
      options
          .reporter()
          .verbose(
              "flattening "
                  + image.displayName()
                  + " from "
                  + image.origin()
                  + ": "
                  + Texts.count(image.layers().size(), "layer"));
    }
    return perImage;
  }
}
