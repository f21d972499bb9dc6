package dev.flattar;

import dev.flattar.model.FlatTarException;
import dev.flattar.model.Times;
import dev.flattar.pipeline.BaseChoice;
import dev.flattar.pipeline.DiffJob;
import dev.flattar.pipeline.DiffOutcome;
import dev.flattar.pipeline.ImageChoice;
import dev.flattar.pipeline.ImageOutcome;
import dev.flattar.pipeline.Inspected;
import dev.flattar.pipeline.InspectedImage;
import dev.flattar.pipeline.Job;
import dev.flattar.pipeline.Outcome;
import dev.flattar.pipeline.Pipeline;
import dev.flattar.pipeline.Source;
import dev.flattar.pipeline.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens docker-save archives offline: an image of many layers becomes an image of one (or a kept
 * base plus one), with the same filesystem, config and names.
 *
 * <pre>{@code
 * FlattenResult r = FlatTar.flatten(
 *     Input.file(Path.of("app.tar")), Output.file(Path.of("app-flat.tar")),
 *     FlattenOptions.builder().tag("app:flat").build());
 * }</pre>
 *
 * <p>Every method reports bad input as a {@link FlatTarException} with a one-line message, finds it
 * before writing anything, and never leaves a partial output file. Options that cannot run (such as
 * {@code verify} to a stream) are an {@link InvalidOptionsException}.
 */
public final class FlatTar {
  private FlatTar() {}

  /**
   * Flattens the archive {@code input} into {@code output} (or, with {@link FlattenOptions#rootfs},
   * writes only the merged filesystem).
   */
  public static FlattenResult flatten(Input input, Output output, FlattenOptions options)
      throws FlatTarException, IOException {
    OptionRules.checkOutput(options, output);
    Outcome outcome = Pipeline.flatten(source(input), target(output), job(options));
    List<ImageResult> images = new ArrayList<>();
    for (ImageOutcome o : outcome.images()) {
      images.add(
          new ImageResult(
              o.sourceId(),
              o.sourceLayers(),
              o.keptLayers(),
              o.imageId(),
              o.diffId(),
              o.layerSize(),
              o.tags(),
              o.platform(),
              o.merge()));
    }
    return new FlattenResult(images, outcome.unchanged());
  }

  /** Shorthand for flattening one file into another. */
  public static FlattenResult flatten(Path input, Path output, FlattenOptions options)
      throws FlatTarException, IOException {
    return flatten(Input.file(input), Output.file(output), options);
  }

  /**
   * Writes only the merged filesystem of the image, as a plain (or, with {@code
   * options.compression()}, compressed) tar: what {@code crane export} and dimgx produce, with
   * flat-tar's whiteout and hard-link handling.
   */
  public static ImageResult exportRootfs(Input input, Output output, FlattenOptions options)
      throws FlatTarException, IOException {
    FlattenOptions rootfs = options.rootfs() ? options : options.toBuilder().rootfs(true).build();
    return flatten(input, output, rootfs).image();
  }

  /**
   * Reads layer headers only (no digests are checked) and reports per layer what it holds, what
   * later layers hide of it, and what flattening would produce.
   */
  public static InspectReport inspect(Input input, FlattenOptions options)
      throws FlatTarException, IOException {
    List<InspectReport.Image> images = new ArrayList<>();
    Inspected inspected = Pipeline.inspect(source(input), job(options));
    for (InspectedImage image : inspected.images()) {
      List<InspectReport.Layer> layers = new ArrayList<>();
      for (InspectedImage.Layer l : image.layers()) {
        layers.add(
            new InspectReport.Layer(
                l.position(),
                l.member(),
                l.compression(),
                l.storedSize(),
                l.entries(),
                l.bytes(),
                l.hiddenEntries(),
                l.hiddenBytes()));
      }
      images.add(
          new InspectReport.Image(
              image.id(),
              image.tags(),
              image.platform(),
              layers,
              image.keptLayers(),
              image.flattenedEntries(),
              image.flattenedLayerSize()));
    }
    List<InspectReport.Skipped> skipped = new ArrayList<>();
    for (Inspected.Skipped s : inspected.skipped()) {
      skipped.add(new InspectReport.Skipped(s.kind(), s.where(), s.what(), s.why()));
    }
    return new InspectReport(images, skipped);
  }

  /**
   * Compares two images' merged filesystems and configs, offline: each input may be any layout
   * flat-tar reads; nothing is written.
   */
  public static DiffReport diff(Input first, Input second, DiffOptions options)
      throws FlatTarException, IOException {
    DiffJob job =
        new DiffJob(
            new ImageChoice(options.firstImage(), options.firstPlatforms(), false),
            new ImageChoice(options.secondImage(), options.secondPlatforms(), false),
            options.ignoreMtime(),
            options.configAll(),
            Math.min(2, Runtime.getRuntime().availableProcessors()),
            options.tempDir(),
            options.reporter());
    DiffOutcome o = Pipeline.diff(source(first), source(second), job);
    return new DiffReport(o.first(), o.second(), o.firstPaths(), o.secondPaths(), o.differences());
  }

  private static Job job(FlattenOptions o) {
    Instant created = o.created();
    Instant clamp = o.clampMtime();
    return new Job(
        new ImageChoice(o.image(), o.platforms(), o.allImages()),
        o.tags(),
        new BaseChoice(o.keepBase(), o.fromLayer()),
        ConfigEdits.changes(o.configEdits()),
        o.format(),
        o.compression(),
        created == null ? null : Times.rfc3339(created),
        clamp == null ? Long.MAX_VALUE : clamp.getEpochSecond(),
        o.maxLayers(),
        o.verify(),
        o.rootfs(),
        o.threads(),
        o.tempDir(),
        o.reporter(),
        o.progress(),
        Version.product());
  }

  private static Source source(Input input) {
    return input instanceof Input.FileInput f
        ? new Source.File(f.path())
        : new Source.Stream(((Input.StreamInput) input).stream());
  }

  private static Target target(Output output) {
    if (output instanceof Output.DirectoryOutput d) {
      return new Target.Directory(d.path(), d.replace());
    }
    return output instanceof Output.FileOutput f
        ? new Target.File(f.path(), f.inPlace())
        : new Target.Stream(((Output.StreamOutput) output).stream());
  }
}
