package dev.flattar.pipeline;

import dev.flattar.archive.ArchiveImage;
import dev.flattar.archive.Skipped;
import dev.flattar.archive.SourceImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The images a run flattens, each with the platforms it keeps, and what the input lists that is not
 * flattened.
 */
record Chosen(List<ArchiveImage> images, List<Skipped> skipped) {
  Chosen {
    images = List.copyOf(images);
    skipped = List.copyOf(skipped);
  }

  /** Every platform's image of every chosen image, in order. */
  List<SourceImage> platforms() {
    List<SourceImage> all = new ArrayList<>();
    images.forEach(i -> all.addAll(i.platforms()));
    return all;
  }

  boolean multiPlatform() {
    return images.stream().anyMatch(ArchiveImage::multiPlatform);
  }
}
