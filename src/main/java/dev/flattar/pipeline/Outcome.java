package dev.flattar.pipeline;

import java.util.List;

/**
 * What a run wrote.
 *
 * @param images one per image written, in archive order (one for a rootfs)
 * @param unchanged true when --max-layers found nothing to do and the input was copied as it was
 */
public record Outcome(List<ImageOutcome> images, boolean unchanged) {
  public Outcome {
    images = List.copyOf(images);
  }
}
