package dev.flattar.pipeline;

import dev.flattar.archive.ScannedLayer;
import dev.flattar.merge.MergeStats;
import dev.flattar.merge.Plan;
import dev.flattar.model.Digest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What {@code inspect} found for one image: its layers and the merge planned from them. */
public final class InspectedImage {
  private final Digest id;
  private final List<String> tags;
  private final @Nullable String platform;
  private final List<ScannedLayer> layers;
  private final int kept;
  private final Plan plan;

  InspectedImage(
      Digest id,
      List<String> tags,
      @Nullable String platform,
      List<ScannedLayer> layers,
      int kept,
      Plan plan) {
    this.id = id;
    this.tags = List.copyOf(tags);
    this.platform = platform;
    this.layers = List.copyOf(layers);
    this.kept = kept;
    this.plan = plan;
  }

  public Digest id() {
    return id;
  }

  /** The names the output would keep. */
  public List<String> tags() {
    return tags;
  }

  /**
   * The platform it is for ({@code linux/arm64/v8}), or null when neither index nor config says.
   */
  public @Nullable String platform() {
    return platform;
  }

  /** Bottom layers that would be kept unchanged. */
  public int keptLayers() {
    return kept;
  }

  /** Members the new layer would hold. */
  public long flattenedEntries() {
    return plan.entries().size();
  }

  /** The exact size of the new (uncompressed) layer. */
  public long flattenedLayerSize() {
    return plan.layerSize();
  }

  /** Each layer, oldest first. */
  public List<Layer> layers() {
    List<Layer> out = new ArrayList<>();
    for (int k = 0; k < layers.size(); k++) {
      out.add(new Layer(layers.get(k), plan.stats().layers().get(k)));
    }
    return out;
  }

  /** One layer as stored, and what later layers hide of it. */
  public static final class Layer {
    private final ScannedLayer layer;
    private final MergeStats.LayerStats stats;

    private Layer(ScannedLayer layer, MergeStats.LayerStats stats) {
      this.layer = layer;
      this.stats = stats;
    }

    /** 1-based, oldest first. */
    public int position() {
      return layer.ref().position();
    }

    /** Where the layer is in the archive. */
    public String member() {
      return layer.ref().member();
    }

    /** As recognised by magic bytes. */
    public String compression() {
      return layer.compression().label();
    }

    public long storedSize() {
      return layer.ref().data().length();
    }

    /** Its members, whiteout and opaque markers included. */
    public long entries() {
      return stats.entries();
    }

    /** Data bytes of its regular files. */
    public long bytes() {
      return stats.bytes();
    }

    /** Members later layers overwrite or delete. */
    public long hiddenEntries() {
      return stats.hiddenEntries();
    }

    /** Their data bytes. */
    public long hiddenBytes() {
      return stats.hiddenBytes();
    }
  }
}
