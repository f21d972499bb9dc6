package dev.flattar;

import dev.flattar.model.Digest;
import java.util.List;

/**
 * What {@code inspect} found, per image.
 *
 * @param images in archive order
 */
public record InspectReport(List<Image> images) {
  public InspectReport {
    images = List.copyOf(images);
  }

  /**
   * One image.
   *
   * @param flattenedLayerSize the exact size of the new (uncompressed) layer
   * @param flattenedEntries members the new layer would hold
   * @param keptLayers bottom layers that would be kept unchanged
   */
  public record Image(
      Digest id,
      List<String> tags,
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
