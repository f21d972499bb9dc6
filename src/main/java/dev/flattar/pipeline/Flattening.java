package dev.flattar.pipeline;

import dev.flattar.archive.DeferredDigests;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.FileSlice;
import dev.flattar.io.InputArchive;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Texts;
import dev.flattar.writer.ArchiveSink;
import dev.flattar.writer.ArchiveWriter;
import dev.flattar.writer.OutputImage;
import dev.flattar.writer.OutputTags;
import dev.flattar.writer.WriterSettings;
import dev.flattar.writer.WrittenImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job: choose the images, scan and check their layers (each stored layer once), plan each
 * new layer from headers, stream the archive out. Everything that can be wrong with the input is
 * found before the first output byte, or, when the output is a file that appears only when
 * complete, before that file is kept: there the digests of uncompressed layers are checked while
 * the output is written ({@link DeferredDigests}).
 */
final class Flattening {
  private Flattening() {}

  /** What a run wrote, and what it planned (for --verify). */
  record Run(Outcome outcome, List<OutputImage> planned, List<WrittenImage> written) {}

  /**
   * @param keptWhenComplete whether the sink is kept only if this returns normally (a temporary
   *     file renamed at the end), so checks may finish after the first bytes are written
   */
  static Run flatten(InputArchive input, ArchiveSink sink, Job job, boolean keptWhenComplete)
      throws FlatTarException, IOException {
    List<SourceImage> images = ImageSources.chosen(input, job);
    Integer maxLayers = job.maxLayers();
    if (maxLayers != null && images.stream().allMatch(i -> i.layers().size() <= maxLayers)) {
      job.reporter()
          .info(
              String.join(", ", images.stream().map(SourceImage::displayName).toList())
                  + " already has at most "
                  + Texts.count(maxLayers, "layer")
                  + "; copied the archive unchanged");
      try (InputStream in = new FileSlice(input.channel(), 0, input.size()).open()) {
        in.transferTo(sink.stream());
      }
      sink.flush();
      return new Run(new Outcome(List.of(), true), List.of(), List.of());
    }
    try (DeferredDigests deferred =
        keptWhenComplete ? DeferredDigests.start(1) : DeferredDigests.none()) {
      List<List<ScannedLayer>> scanned =
          ImageSources.scan(
              input, images, job, job.base().keepsAny() && job.format().oci(), deferred);
      Run run = write(images, scanned, sink, job);
      deferred.await();
      return run;
    }
  }

  private static Run write(
      List<SourceImage> images, List<List<ScannedLayer>> scanned, ArchiveSink sink, Job job)
      throws FlatTarException, IOException {
    List<OutputImage> outputs = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      SourceImage image = images.get(i);
      List<String> tags = OutputTags.choose(job.tags(), image.tags(), job.reporter());
      outputs.add(ImagePlanning.plan(image, scanned.get(i), tags, job));
    }
    WriterSettings settings =
        new WriterSettings(
            job.format(),
            job.compression(),
            job.product(),
            job.created(),
            job.tempDir(),
            job.progress());
    List<WrittenImage> written = new ArchiveWriter(settings).write(outputs, sink);
    List<ImageOutcome> results = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      WrittenImage w = written.get(i);
      results.add(new ImageOutcome(outputs.get(i), w.id(), w.layer()));
    }
    return new Run(new Outcome(results, false), outputs, written);
  }
}
