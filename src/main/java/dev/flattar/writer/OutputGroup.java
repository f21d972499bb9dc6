package dev.flattar.writer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One image of the output under its names: one platform, or several listed by one image index.
 *
 * @param tags the RepoTags, already valid (full {@code name:tag} references)
 * @param bareTags names that are only a tag ({@code 1.0}), written as an OCI layout's {@code
 *     org.opencontainers.image.ref.name} and nowhere else
 * @param index the annotations of the image index of a multi-platform image, or null
 * @param images one per platform; several make an image index
 * @param dockerImage which of them manifest.json names (it holds one image per name)
 */
public record OutputGroup(
    List<String> tags,
    List<String> bareTags,
    @Nullable ObjectNode index,
    List<OutputImage> images,
    int dockerImage) {
  public OutputGroup {
    tags = List.copyOf(tags);
    bareTags = List.copyOf(bareTags);
    images = List.copyOf(images);
  }

  /** A single-platform image under {@code tags}. */
  public static OutputGroup of(OutputImage image) {
    return new OutputGroup(image.tags(), List.of(), null, List.of(image), 0);
  }
}
