package dev.flattar.pipeline;

import dev.flattar.archive.ArchiveImage;
import dev.flattar.archive.DeferredDigests;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.InputSource;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Platform;
import dev.flattar.writer.LayerBlob;
import dev.flattar.writer.OutputImage;
import dev.flattar.writer.RootfsWriter;
import java.io.IOException;
import java.util.List;

/** Writes only the merged filesystem of the chosen image: the new layer itself, as a tar. */
final class RootfsExport {
  private RootfsExport() {}

  static Outcome write(InputSource input, OutputPlace.Archive place, Job job)
      throws FlatTarException, IOException {
    Chosen chosen = ImageSources.chosen(input, job);
    ArchiveImage only = chosen.images().get(0);
    if (only.multiPlatform()) {
      throw new InvalidImageException(
          "--rootfs writes one filesystem, and "
              + only.displayName()
              + " keeps "
              + only.platforms().size()
              + " platforms: choose one with --platform");
    }
    SourceImage image = only.platforms().get(0);
    try (DeferredDigests deferred =
        place.keptWhenComplete()
            ? DeferredDigests.start(1, job.tempDir())
            : DeferredDigests.none(job.tempDir())) {
      List<ScannedLayer> layers =
          ImageSources.scan(input, List.of(image), job, false, deferred).get(0);
      OutputImage planned =
          ImagePlanning.plan(image, layers, List.of(), job, OutputFormat.DOCKER, null);
      LayerBlob blob =
          RootfsWriter.write(
              planned.plan(), planned.layers(), job.compression(), place.sink(), job.progress());
      deferred.await();
      Platform platform = image.platform();
      return new Outcome(
          List.of(
              new ImageOutcome(
                  planned,
                  null,
                  blob,
                  platform == null ? null : platform.toString(),
                  ImagePlanning.squashedBytes(layers, 0))),
          false);
    }
  }
}
