package dev.flattar.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import java.util.List;

/**
 * An image found in the input archive.
 *
 * @param id the image id: sha256 of the exact config bytes (the v1 id for pre-1.10 archives)
 * @param config the image config as a tree, fields in their original order
 * @param tags names as the archive gives them (RepoTags or annotations), not yet validated
 * @param layers oldest first
 * @param origin where the image was described, for messages ("manifest.json entry 2")
 */
public record SourceImage(
    Digest id, ObjectNode config, List<String> tags, List<LayerRef> layers, String origin) {

  public SourceImage {
    tags = List.copyOf(tags);
    layers = List.copyOf(layers);
  }

  public SourceImage withTags(List<String> newTags) {
    return new SourceImage(id, config, newTags, layers, origin);
  }

  /** How the image is named in lists: its first tag, or its short id. */
  public String displayName() {
    return tags.isEmpty() ? id.toString() : tags.get(0) + " (" + id.shortHex() + ")";
  }
}
