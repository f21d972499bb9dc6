package dev.flattar;

import dev.flattar.model.Digest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code inspect} found, per image (one per platform of a multi-platform image).
 *
 * @param images in archive order
 * @param skipped what the input lists that is not an image to flatten: artifacts, attestations,
 *     platforms whose blobs are not there
 */
public record InspectReport(List<Image> images, List<Skipped> skipped) {
  public InspectReport {
    images = List.copyOf(images);
    skipped = List.copyOf(skipped);
  }

  /**
   * Something an index lists that is not flattened.
   *
   * @param kind {@code artifact}, {@code attestation} or {@code absent}
   * @param where the descriptor that lists it
   * @param what a few words on it ({@code platform linux/arm64/v8})
   * @param why why it is not flattened
   */
  public record Skipped(String kind, String where, String what, String why) {}

  /**
   * One image.
   *
   * @param platform the platform it is for ({@code linux/arm64/v8}), or null when unknown
   * @param flattenedLayerSize the exact size of the new (uncompressed) layer
   * @param flattenedEntries members the new layer would hold
   * @param keptLayers bottom layers that would be kept unchanged
   */
  public record Image(
      Digest id,
      List<String> tags,
      @Nullable String platform,
      List<Layer> layers,
      int keptLayers,
      long flattenedEntries,
      long flattenedLayerSize) {
    public Image {
      tags = List.copyOf(tags);
      layers = List.copyOf(layers);
    }

    /** Bytes of regular files over all layers, hidden ones included. */
    public long totalBytes() {
      return layers.stream().mapToLong(Layer::bytes).sum();
    }

    public long hiddenBytes() {
      return layers.stream().mapToLong(Layer::hiddenBytes).sum();
    }
  }

  /**
   * One layer.
   *
   * @param position 1-based, oldest first
   * @param member where the layer is in the archive
   * @param compression as recognised by magic bytes
   * @param storedSize the layer's size in the archive
   * @param entries members
   * @param bytes data bytes of its regular files
   * @param hiddenEntries members later layers overwrite or delete
   * @param hiddenBytes their data bytes
   */
  public record Layer(
      int position,
      String member,
      String compression,
      long storedSize,
      long entries,
      long bytes,
      long hiddenEntries,
      long hiddenBytes) {}
}
