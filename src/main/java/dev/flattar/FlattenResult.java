package dev.flattar;

import java.util.List;

/**
 * What a run produced.
 *
 * @param images one per image written, in archive order
 * @param unchanged true when --max-layers found nothing to do and the input was copied as it was
 */
public record FlattenResult(List<ImageResult> images, boolean unchanged) {
  public FlattenResult {
    images = List.copyOf(images);
  }

  /** The only (or first) image written. */
  public ImageResult image() {
    return images.get(0);
  }
}
