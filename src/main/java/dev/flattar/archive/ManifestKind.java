package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.model.MediaTypes;

/**
 * What a document an index points at is (README, "What it reads"): another index, a container
 * image, an attestation, or an artifact (a signature, an SBOM, a Helm chart: a manifest whose
 * config is not an image config). Decided from the descriptor and the document alone.
 */
enum ManifestKind {
  INDEX,
  IMAGE,
  ATTESTATION,
  ARTIFACT;

  /** The kind, and in a few words why. */
  record Decision(ManifestKind kind, String why) {}

  static Decision of(JsonNode descriptor, JsonNode document) {
    JsonNode annotations = descriptor.path("annotations");
    if ("attestation-manifest".equals(annotations.path("vnd.docker.reference.type").asText())) {
      return new Decision(ATTESTATION, "a buildkit attestation manifest");
    }
    String mediaType = descriptor.path("mediaType").asText(document.path("mediaType").asText(""));
    if (mediaType.equals(MediaTypes.OCI_INDEX)
        || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST)
        || (mediaType.isEmpty() && document.has("manifests") && !document.has("layers"))) {
      return new Decision(INDEX, "an image index");
    }
    if (mediaType.equals(MediaTypes.OCI_ARTIFACT_MANIFEST)) {
      return new Decision(ARTIFACT, "an artifact manifest");
    }
    if (!document.has("config") || !document.has("layers")) {
      return new Decision(
          ARTIFACT,
          "media type '" + mediaType + "' is neither an image manifest nor an image index");
    }
    String artifactType = document.path("artifactType").asText("");
    if (!artifactType.isEmpty()) {
      return new Decision(ARTIFACT, "artifact type " + artifactType);
    }
    String configType = document.path("config").path("mediaType").asText("");
    if (!configType.isEmpty()
        && !configType.equals(MediaTypes.OCI_CONFIG)
        && !configType.equals(MediaTypes.DOCKER_CONFIG)) {
      return new Decision(ARTIFACT, "config media type " + configType + " is not an image config");
    }
    for (JsonNode layer : document.path("layers")) {
      String layerType = layer.path("mediaType").asText("");
      if (!layerType.isEmpty() && !isFilesystemLayer(layerType)) {
        return new Decision(
            ARTIFACT, "layer media type " + layerType + " is not a filesystem layer");
      }
    }
    if ("unknown".equals(descriptor.path("platform").path("os").asText())) {
      return new Decision(ATTESTATION, "platform unknown/unknown (an attestation)");
    }
    return new Decision(IMAGE, "an image manifest");
  }

  /** OCI and Docker tar layers, compressed or not, distributable or not. */
  private static boolean isFilesystemLayer(String mediaType) {
    return mediaType.startsWith("application/vnd.oci.image.layer.")
        || mediaType.startsWith("application/vnd.docker.image.rootfs.");
  }
}
