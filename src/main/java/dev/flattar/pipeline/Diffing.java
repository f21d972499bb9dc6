package dev.flattar.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.archive.ArchiveImage;
import dev.flattar.archive.DeferredDigests;
import dev.flattar.archive.LayerSource;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.diff.ConfigDifferences;
import dev.flattar.diff.ContentHashes;
import dev.flattar.diff.Filesystems;
import dev.flattar.diff.FsEntry;
import dev.flattar.diff.TreeDifferences;
import dev.flattar.io.InputSource;
import dev.flattar.merge.MergeSettings;
import dev.flattar.merge.Merger;
import dev.flattar.merge.Plan;
import dev.flattar.model.Difference;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Progress;
import dev.flattar.tar.TarEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code flat-tar diff}: each image's merged filesystem, from its layers' headers and its files'
 * sha256 (the same merge engine as flattening, nothing written), and its config, compared.
 */
final class Diffing {
  private Diffing() {}

  /** One side: its name in messages, its merged filesystem, its config. */
  private record Side(String name, Map<String, FsEntry> tree, ObjectNode config) {}

  static DiffOutcome diff(Source first, Source second, DiffJob job)
      throws FlatTarException, IOException {
    Side a = side(first, job.first(), job);
    Side b = side(second, job.second(), job);
    List<Difference> differences =
        new ArrayList<>(TreeDifferences.of(a.tree(), b.tree(), job.ignoreMtime()));
    differences.addAll(ConfigDifferences.of(a.config(), b.config(), job.configAll()));
    return new DiffOutcome(a.name(), b.name(), a.tree().size(), b.tree().size(), differences);
  }

  private static Side side(Source source, ImageChoice choice, DiffJob job)
      throws FlatTarException, IOException {
    try (InputSource input = Endpoints.open(source, job.tempDir(), job.reporter())) {
      Chosen chosen = ImageSources.chosen(input, choice, job.reporter());
      ArchiveImage image = chosen.images().get(0);
      if (image.multiPlatform()) {
        throw new InvalidImageException(
            input.label()
                + ": "
                + image.displayName()
                + " keeps "
                + image.platforms().size()
                + " platforms: choose one with --platform");
      }
      SourceImage platform = image.platforms().get(0);
      // Compressed layers are kept uncompressed while the plan is read, so each is decoded once.
      try (DeferredDigests spools = DeferredDigests.none(job.tempDir())) {
        List<ScannedLayer> layers =
            ImageSources.scan(
                    input,
                    List.of(platform),
                    job.threads(),
                    Progress.NONE,
                    job.reporter(),
                    false,
                    spools)
                .get(0);
        List<List<TarEntry>> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<LayerSource> sources = new ArrayList<>();
        for (ScannedLayer layer : layers) {
          entries.add(layer.entries());
          names.add(layer.ref().describe());
          sources.add(layer.source());
        }
        Plan plan = Merger.merge(entries, names, MergeSettings.FLATTEN);
        Map<Integer, String> contents = ContentHashes.of(plan, k -> sources.get(k).uncompressed());
        return new Side(image.displayName(), Filesystems.of(plan, contents), platform.config());
      }
    }
  }
}
