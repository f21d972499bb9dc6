package dev.flattar.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.archive.ArchiveImage;
import dev.flattar.archive.DeferredDigests;
import dev.flattar.archive.IndexEntry;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.config.ConfigChanges;
import dev.flattar.io.InputSource;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Platform;
import dev.flattar.model.Texts;
import dev.flattar.writer.ArchiveWriter;
import dev.flattar.writer.Listing;
import dev.flattar.writer.Members;
import dev.flattar.writer.OutputGroup;
import dev.flattar.writer.OutputImage;
import dev.flattar.writer.OutputTags;
import dev.flattar.writer.WriterSettings;
import dev.flattar.writer.WrittenImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The main job: choose the images and their platforms, scan and check their layers (each stored
 * layer once), plan each new layer from headers, stream the archive out. Everything that can be
 * wrong with the input is found before the first output byte, or, when the output is a file that
 * appears only when complete, before that file is kept: there the digests of uncompressed layers
 * are checked while the output is written ({@link DeferredDigests}).
 */
final class Flattening {
  private static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
  private static final String BASE_NAME = "org.opencontainers.image.base.name";

  private Flattening() {}

  /** What a run wrote, and what it planned (for --verify), one entry per platform image. */
  record Run(Outcome outcome, List<OutputImage> planned, List<WrittenImage> written) {}

  /**
   * Flattens into {@code place}; when it is kept only if this returns normally (a temporary file or
   * directory renamed at the end), checks may finish after the first bytes are written.
   */
  static Run flatten(InputSource input, OutputPlace place, Job job)
      throws FlatTarException, IOException {
    Chosen chosen = ImageSources.chosen(input, job);
    List<SourceImage> images = chosen.platforms();
    Integer maxLayers = job.maxLayers();
    if (maxLayers != null && images.stream().allMatch(i -> i.layers().size() <= maxLayers)) {
      job.reporter()
          .info(
              String.join(", ", chosen.images().stream().map(ArchiveImage::displayName).toList())
                  + " already has at most "
                  + Texts.count(maxLayers, "layer")
                  + "; copied the archive unchanged");
      InputCopy.copy(input, place, job.tempDir());
      return new Run(new Outcome(List.of(), true), List.of(), List.of());
    }
    OutputFormat format =
        OutputFormats.resolve(job.format(), chosen, place instanceof OutputPlace.Directory);
    SkippedReport.report(chosen, job.reporter());
    try (DeferredDigests deferred =
        place.keptWhenComplete()
            ? DeferredDigests.start(1, job.tempDir())
            : DeferredDigests.none(job.tempDir())) {
      List<List<ScannedLayer>> scanned =
          ImageSources.scan(input, images, job, job.base().keepsAny() && format.oci(), deferred);
      Run run = write(chosen, scanned, place.members(job.tempDir()), job, format);
      deferred.await();
      return run;
    }
  }

  private static Run write(
      Chosen chosen,
      List<List<ScannedLayer>> scanned,
      Members members,
      Job job,
      OutputFormat format)
      throws FlatTarException, IOException {
    List<OutputGroup> groups = new ArrayList<>();
    List<OutputImage> outputs = new ArrayList<>();
    List<@Nullable String> platformNames = new ArrayList<>();
    List<Long> squashedBytes = new ArrayList<>();
    int at = 0;
    for (ArchiveImage image : chosen.images()) {
      List<String> tags = OutputTags.choose(job.tags(), image.names(), job.reporter());
      List<String> bareTags = job.tags().isEmpty() ? OutputTags.bare(image.bareTags()) : List.of();
      List<OutputImage> platforms = new ArrayList<>();
      List<Platform> listed = new ArrayList<>();
      for (SourceImage platform : image.platforms()) {
        Listing listing = image.multiPlatform() ? listing(platform.entry()) : null;
        List<ScannedLayer> layers = scanned.get(at++);
        OutputImage planned = ImagePlanning.plan(platform, layers, tags, job, format, listing);
        squashedBytes.add(ImagePlanning.squashedBytes(layers, planned.kept().size()));
        platforms.add(planned);
        listed.add(platform.platform());
        platformNames.add(platform.platform() == null ? null : String.valueOf(platform.platform()));
      }
      outputs.addAll(platforms);
      int docker = OutputFormats.dockerPlatform(listed);
      if (image.multiPlatform() && format.docker()) {
        job.reporter()
            .info(
                "manifest.json names "
                    + image.displayName()
                    + " by its "
                    + String.valueOf(listed.get(docker)).replace("null", "first")
                    + " image; the OCI index holds every platform");
      }
      groups.add(new OutputGroup(tags, bareTags, image.index(), platforms, docker));
    }
    WriterSettings settings =
        new WriterSettings(
            format,
            job.compression(),
            job.product(),
            job.created(),
            job.configChanges().isEmpty() ? null : ConfigChanges.describe(job.configChanges()),
            job.tempDir(),
            job.progress());
    List<WrittenImage> written = new ArchiveWriter(settings).write(groups, members);
    List<ImageOutcome> results = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      WrittenImage w = written.get(i);
      results.add(
          new ImageOutcome(
              outputs.get(i), w.id(), w.layer(), platformNames.get(i), squashedBytes.get(i)));
    }
    return new Run(new Outcome(results, false), outputs, written);
  }

  /**
   * How the source index listed a platform, carried over; less the annotations that name the base
   * image's manifest ({@code org.opencontainers.image.base.*}), which the flattened image no longer
   * sits on.
   */
  private static @Nullable Listing listing(@Nullable IndexEntry entry) {
    if (entry == null) {
      return null;
    }
    ObjectNode manifest = entry.manifestAnnotations();
    if (manifest != null) {
      manifest = manifest.deepCopy();
      manifest.remove(List.of(BASE_DIGEST, BASE_NAME));
      manifest = manifest.isEmpty() ? null : manifest;
    }
    return new Listing(entry.platformNode(), entry.descriptorAnnotations(), manifest);
  }
}
