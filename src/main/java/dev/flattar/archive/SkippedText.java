package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.model.Platform;

/** How a skipped descriptor is named in messages and in {@code inspect}. */
final class SkippedText {
  private SkippedText() {}

  /**
   * A few words: {@code platform linux/arm64/v8}, {@code artifact ab12cd34ef56,
   * application/vnd.dev.cosign.artifact.sig.v1+json} (its type, else its config's media type),
   * {@code attestation ab12cd34ef56}.
   *
   * @param document what the descriptor points at (a missing node when it is absent)
   */
  static String describe(Skipped.Kind kind, JsonNode descriptor, JsonNode document) {
    JsonNode p = descriptor.path("platform");
    Platform platform =
        Platform.ofConfig(
            p.path("os").asText(null),
            p.path("architecture").asText(null),
            p.path("variant").asText(null));
    String artifactType =
        descriptor.path("artifactType").asText(document.path("artifactType").asText(""));
    if (artifactType.isEmpty()) {
      artifactType = document.path("config").path("mediaType").asText("");
    }
    String digest = descriptor.path("digest").asText("");
    String shortDigest = digest.length() > 19 ? digest.substring(7, 19) : digest;
    return switch (kind) {
      case ABSENT ->
          platform != null && !platform.os().equals("unknown")
              ? "platform " + platform
              : "manifest " + shortDigest;
      case ATTESTATION -> "attestation " + shortDigest;
      case ARTIFACT ->
          "artifact " + (artifactType.isEmpty() ? shortDigest : shortDigest + ", " + artifactType);
    };
  }
}
