package dev.flattar.archive;

import dev.flattar.model.Digest;
import org.jspecify.annotations.Nullable;

/**
 * Something an index lists that is not flattened: an artifact (a signature, an SBOM, anything whose
 * config is not an image config), an attestation, or a platform whose blobs are not in the archive.
 *
 * @param where the descriptor, for messages ("index.json manifests[2]")
 * @param what what it is, in a few words ("artifact
 *     application/vnd.dev.cosign.artifact.sig.v1+json")
 * @param why why it is not flattened
 * @param subject the manifest it refers to (an attestation's or a referrer's), or null
 */
public record Skipped(Kind kind, String where, String what, String why, @Nullable Digest subject) {

  /** What kind of thing was skipped. */
  public enum Kind {
    ARTIFACT,
    ATTESTATION,
    ABSENT
  }
}
