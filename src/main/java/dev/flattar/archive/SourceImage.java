package dev.flattar.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Platform;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One image of the input (one platform's, when the input holds several): its config and layers.
 *
 * @param id the image id: sha256 of the exact config bytes (the v1 id for pre-1.10 archives)
 * @param config the image config as a tree, fields in their original order
 * @param tags names as the archive gives them (RepoTags or annotations), not yet validated
 * @param layers oldest first
 * @param origin where the image was described, for messages ("manifest.json entry 2")
 * @param entry how an OCI index listed it, or null when it came from manifest.json or a v1 layout
 */
public record SourceImage(
    Digest id,
    ObjectNode config,
    List<String> tags,
    List<LayerRef> layers,
    String origin,
    @Nullable IndexEntry entry) {

  public SourceImage {
    tags = List.copyOf(tags);
    layers = List.copyOf(layers);
  }

  public SourceImage(
      Digest id, ObjectNode config, List<String> tags, List<LayerRef> layers, String origin) {
    this(id, config, tags, layers, origin, null);
  }

  public SourceImage withTags(List<String> newTags) {
    return new SourceImage(id, config, newTags, layers, origin, entry);
  }

  /**
   * The platform the image is for: as its index entry says, else as its config says ({@code os},
   * {@code architecture}, {@code variant}); null when neither says.
   */
  public @Nullable Platform platform() {
    Platform listed = entry == null ? null : entry.platform();
    return listed != null
        ? listed
        : Platform.ofConfig(
            config.path("os").asText(null),
            config.path("architecture").asText(null),
            config.path("variant").asText(null));
  }

  /** How the image is named in lists: its first tag, or its short id. */
  public String displayName() {
    return tags.isEmpty() ? id.toString() : tags.get(0) + " (" + id.shortHex() + ")";
  }
}
