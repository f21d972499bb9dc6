package dev.flattar.pipeline;

import java.util.List;

/**
 * What {@code inspect} found: each image (one per platform), and what the input lists that is not
 * an image to flatten.
 */
public record Inspected(List<InspectedImage> images, List<Skipped> skipped) {
  public Inspected {
    images = List.copyOf(images);
    skipped = List.copyOf(skipped);
  }

  /**
   * Something not flattened.
   *
   * @param kind {@code artifact}, {@code attestation} or {@code absent}
   */
  public record Skipped(String kind, String where, String what, String why) {}
}
