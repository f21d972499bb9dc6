package dev.flattar.pipeline;

import dev.flattar.archive.ArchiveContents;
import dev.flattar.archive.DeferredDigests;
import dev.flattar.archive.ImageLayouts;
import dev.flattar.archive.ImageSelection;
import dev.flattar.archive.LayerRef;
import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.OuterArchive;
import dev.flattar.archive.ScanSettings;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.InputSource;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Progress;
import dev.flattar.model.Reporter;
import dev.flattar.model.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The images a run works on, and their layers read and checked. */
final class ImageSources {
  private ImageSources() {}

  /** The images of the archive that {@code job} chooses, with the platforms it keeps. */
  static Chosen chosen(InputSource input, Job job) throws FlatTarException, IOException {
    Chosen chosen = chosen(input, job.images(), job.reporter());
    if (job.images().all() && !job.tags().isEmpty() && chosen.images().size() > 1) {
      throw new InvalidImageException(
          "--tag names one image, but --all-images writes "
              + chosen.images().size()
              + "; keep their own names");
    }
    return chosen;
  }

  /** The images of the archive that {@code choice} chooses, with the platforms it keeps. */
  static Chosen chosen(InputSource input, ImageChoice choice, Reporter reporter)
      throws FlatTarException, IOException {
    ArchiveContents contents = ImageLayouts.read(OuterArchive.read(input), reporter);
    return new Chosen(
        ImageSelection.select(
            contents.images(), choice.reference(), choice.platforms(), choice.all(), input.label()),
        contents.skipped());
  }

  /**
   * Scans the layers of all the images, each stored layer once, and checks them against their
   * digests; the results per image.
   *
   * @param hashStored also hash compressed layers' stored bytes (kept layers written into an OCI
   *     layout need their digest)
   * @param deferred where the digest checks of uncompressed layers go when the output is kept only
   *     if they pass ({@link DeferredDigests#none()} to check every layer now)
   */
  static List<List<ScannedLayer>> scan(
      InputSource input,
      List<SourceImage> images,
      Job job,
      boolean hashStored,
      DeferredDigests deferred)
      throws FlatTarException, IOException {
    return scan(input, images, job.threads(), job.progress(), job.reporter(), hashStored, deferred);
  }

  /** As {@link #scan(InputSource, List, Job, boolean, DeferredDigests)}, without a job. */
  static List<List<ScannedLayer>> scan(
      InputSource input,
      List<SourceImage> images,
      int threads,
      Progress progress,
      Reporter reporter,
      boolean hashStored,
      DeferredDigests deferred)
      throws FlatTarException, IOException {
    List<LayerRef> all = new ArrayList<>();
    images.forEach(i -> all.addAll(i.layers()));
    List<ScannedLayer> scanned =
        LayerScanner.scan(
            all, new ScanSettings(threads, true, hashStored, progress, deferred, input.digests()));
    List<List<ScannedLayer>> perImage = new ArrayList<>();
    int at = 0;
    for (SourceImage image : images) {
      perImage.add(scanned.subList(at, at + image.layers().size()));
      at += image.layers().size();
      reporter.verbose(
          "flattening "
              + image.displayName()
              + (image.platform() == null ? "" : " for " + image.platform())
              + " from "
              + image.origin()
              + ": "
              + Texts.count(image.layers().size(), "layer"));
    }
    return perImage;
  }
}
