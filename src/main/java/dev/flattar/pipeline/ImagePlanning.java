package dev.flattar.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.archive.LayerSource;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.config.ConfigChanges;
import dev.flattar.merge.MergeLog;
import dev.flattar.merge.MergeSettings;
import dev.flattar.merge.Merger;
import dev.flattar.merge.Plan;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Reporter;
import dev.flattar.model.Texts;
import dev.flattar.model.UnsupportedImageException;
import dev.flattar.tar.TarEntry;
import dev.flattar.writer.KeptLayer;
import dev.flattar.writer.LayerStreams;
import dev.flattar.writer.Listing;
import dev.flattar.writer.OutputImage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** From an image and its scanned layers to what the writer needs: kept layers and the plan. */
final class ImagePlanning {
  private ImagePlanning() {}

  /**
   * @param format the layout being written (resolved): whether kept layers must be OCI blobs
   * @param listing how a multi-platform image's index lists this platform, or null
   */
  static OutputImage plan(
      SourceImage image,
      List<ScannedLayer> layers,
      List<String> tags,
      Job job,
      OutputFormat format,
      @Nullable Listing listing)
      throws FlatTarException {
    Reporter reporter = job.reporter();
    int keep = BaseSelection.keep(job.base(), image.displayName(), BaseSelection.diffIds(image));
    List<List<TarEntry>> entries = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ScannedLayer layer : layers) {
      entries.add(layer.entries());
      names.add(layer.ref().describe());
    }
    MergeLog log =
        reporter.isVerbose()
            ? (path, decision) -> reporter.verbose(TarEntry.display(path) + ": " + decision)
            : MergeLog.NONE;
    Plan plan = Merger.merge(entries, names, new MergeSettings(keep, job.clampMtime(), log));
    reporter.verbose(
        "merged: "
            + plan.stats().kept()
            + " of "
            + plan.stats().members()
            + " members kept"
            + (keep > 0 ? " above " + Texts.count(keep, "kept base layer") : "")
            + ", "
            + plan.stats().whiteouts()
            + " whiteouts applied, "
            + plan.stats().linksRewritten()
            + " hard links rewritten; the new layer is "
            + plan.layerSize()
            + " bytes");
    List<KeptLayer> kept = new ArrayList<>();
    for (ScannedLayer layer : layers.subList(0, keep)) {
      kept.add(kept(layer, format));
    }
    return new OutputImage(
        image.id(),
        changedConfig(image, job),
        layers.size(),
        tags,
        kept,
        plan,
        streams(layers),
        listing);
  }

  private static KeptLayer kept(ScannedLayer layer, OutputFormat format)
      throws UnsupportedImageException {
    String mediaType = layer.source().mediaType();
    Digest digest = layer.storedDigest();
    Digest diffId = layer.diffId();
    if (diffId == null || digest == null) {
      throw new IllegalStateException(layer.ref().describe() + " was kept without its digests");
    }
    if (mediaType == null && format.oci()) {
      throw new UnsupportedImageException(
          layer.ref().describe()
              + " is "
              + layer.compression().label()
              + "-compressed, which an OCI layout cannot describe; keep it with --format docker");
    }
    return new KeptLayer(layer.ref().data(), diffId, digest, mediaType == null ? "" : mediaType);
  }

  /**
   * The image's config with {@code job}'s changes applied (the source's own when there are none).
   */
  private static ObjectNode changedConfig(SourceImage image, Job job) throws FlatTarException {
    if (job.configChanges().isEmpty()) {
      return image.config();
    }
    try {
      return ConfigChanges.apply(image.config(), job.configChanges());
    } catch (IllegalArgumentException e) {
      throw new InvalidImageException(image.displayName() + ": " + e.getMessage());
    }
  }

  /** The uncompressed bytes of the layers above the kept base (-1 if one is not known). */
  static long squashedBytes(List<ScannedLayer> layers, int kept) {
    long total = 0;
    for (ScannedLayer layer : layers.subList(kept, layers.size())) {
      if (layer.size() < 0) {
        return -1;
      }
      total += layer.size();
    }
    return total;
  }

  /** Each layer's uncompressed stream, opened again for the writer, by plan layer index. */
  static LayerStreams streams(List<ScannedLayer> scanned) {
    List<LayerSource> sources = scanned.stream().map(ScannedLayer::source).toList();
    return k -> sources.get(k).uncompressed();
  }
}
