package dev.flattar.archive;

import java.util.List;

/**
 * What an input holds: its images, and what its indexes list that is not an image to flatten.
 *
 * @param images in the archive's order
 * @param skipped artifacts, attestations and absent platforms, in the order they were met
 */
public record ArchiveContents(List<ArchiveImage> images, List<Skipped> skipped) {
  public ArchiveContents {
    images = List.copyOf(images);
    skipped = List.copyOf(skipped);
  }
}
