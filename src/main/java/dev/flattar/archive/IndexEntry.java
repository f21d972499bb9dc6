package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Platform;
import org.jspecify.annotations.Nullable;

/**
 * How an OCI index listed an image manifest, kept so that the flattened image is listed the same
 * way: its platform and its annotations.
 *
 * @param manifest the digest of the source manifest (what attestations and referrers point at)
 * @param platformNode the descriptor's {@code platform} object as written, or null
 * @param descriptorAnnotations the descriptor's annotations, or null
 * @param manifestAnnotations the manifest's own annotations, or null
 */
public record IndexEntry(
    Digest manifest,
    @Nullable JsonNode platformNode,
    @Nullable ObjectNode descriptorAnnotations,
    @Nullable ObjectNode manifestAnnotations) {

  /** The platform the descriptor names, or null. */
  public @Nullable Platform platform() {
    if (platformNode == null || !platformNode.isObject()) {
      return null;
    }
    Platform p =
        Platform.ofConfig(
            platformNode.path("os").asText(null),
            platformNode.path("architecture").asText(null),
            platformNode.path("variant").asText(null));
    return p == null ? null : p;
  }
}
