package dev.flattar.pipeline;

import dev.flattar.merge.MergeStats;
import dev.flattar.model.Digest;
import dev.flattar.model.MergeSummary;
import dev.flattar.writer.LayerBlob;
import dev.flattar.writer.OutputImage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What was written for one image: the plan it came from and the layer it became. */
public final class ImageOutcome {
  private final OutputImage planned;
  private final @Nullable Digest imageId;
  private final LayerBlob layer;
  private final @Nullable String platform;
  private final long squashedBytes;

  /**
   * @param imageId the new image's id, or null for a rootfs (no image is written)
   * @param platform the platform the image is for, or null when unknown
   * @param squashedBytes the uncompressed bytes of the squashed source layers, or -1
   */
  ImageOutcome(
      OutputImage planned,
      @Nullable Digest imageId,
      LayerBlob layer,
      @Nullable String platform,
      long squashedBytes) {
    this.planned = planned;
    this.imageId = imageId;
    this.layer = layer;
    this.platform = platform;
    this.squashedBytes = squashedBytes;
  }

  /** The platform the image is for ({@code linux/arm64/v8}), or null when unknown. */
  public @Nullable String platform() {
    return platform;
  }

  /** The id of the image that was flattened. */
  public Digest sourceId() {
    return planned.sourceId();
  }

  /** How many layers it had. */
  public int sourceLayers() {
    return planned.sourceLayers();
  }

  /** How many of them were kept unchanged below the new layer. */
  public int keptLayers() {
    return planned.kept().size();
  }

  /** The new image's id: sha256 of its written config; null for a rootfs. */
  public @Nullable Digest imageId() {
    return imageId;
  }

  /** sha256 of the new layer, uncompressed. */
  public Digest diffId() {
    return layer.diffId();
  }

  /** The new layer's stored size in bytes. */
  public long layerSize() {
    return layer.size();
  }

  /** The RepoTags written. */
  public List<String> tags() {
    return planned.tags();
  }

  /** What the merge did, and what it saved. */
  public MergeSummary merge() {
    MergeStats s = planned.plan().stats();
    long hidden = 0;
    List<MergeStats.LayerStats> layers = s.layers();
    for (MergeStats.LayerStats l : layers.subList(keptLayers(), layers.size())) {
      hidden += l.hiddenBytes();
    }
    return new MergeSummary(
        s.members(),
        s.kept(),
        s.whiteouts(),
        s.linksRewritten(),
        squashedBytes,
        hidden,
        planned.plan().layerSize());
  }
}
