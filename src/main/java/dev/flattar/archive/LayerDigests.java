package dev.flattar.archive;

import dev.flattar.model.Digest;
import dev.flattar.model.DigestMismatchException;

/** Comparing what a layer's bytes hash to with what its image claims, and saying what differs. */
final class LayerDigests {
  private LayerDigests() {}

  /**
   * Checks the bytes of a layer whose blob, if it has one, is stored uncompressed: their digest and
   * size against the descriptor's and their digest against the diff_id.
   */
  static void checkStoredAsIs(LayerRef ref, Digest digest, long size)
      throws DigestMismatchException {
    if (ref.blobDigest() != null) {
      checkBlob(ref, digest, size);
    }
    checkDiffId(ref, digest);
  }

  /** The uncompressed bytes against the diff_id the image claims (if it claims one). */
  static void checkDiffId(LayerRef ref, Digest diffId) throws DigestMismatchException {
    Digest claimed = ref.diffId();
    if (claimed != null && !claimed.equals(diffId)) {
      throw new DigestMismatchException(
          ref.describe()
              + " does not match its diff_id: the config says "
              + claimed
              + ", the content is "
              + diffId);
    }
  }

  /** The stored bytes against the descriptor's digest and size (if it gives them). */
  static void checkBlob(LayerRef ref, Digest actual, long size) throws DigestMismatchException {
    if (ref.blobSize() >= 0 && ref.blobSize() != size) {
      throw new DigestMismatchException(
          ref.describe() + " is " + size + " bytes but its descriptor says " + ref.blobSize());
    }
    Digest claimed = ref.blobDigest();
    if (claimed != null && !claimed.equals(actual)) {
      throw new DigestMismatchException(
          ref.describe()
              + " does not match its blob digest: expected "
              + claimed
              + ", content is "
              + actual);
    }
  }
}
