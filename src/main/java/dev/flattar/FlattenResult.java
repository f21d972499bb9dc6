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

  /**
   * What each image became, one line each, as the command line says it on stderr: {@code app:1.0:
   * 14 layers → 1, 212.0 MiB (was 388.0 MiB of layers; 176.0 MiB hidden by later layers dropped)}.
   * Empty when the input was copied unchanged.
   */
  public List<String> summary() {
    return Summary.lines(images);
  }
}
