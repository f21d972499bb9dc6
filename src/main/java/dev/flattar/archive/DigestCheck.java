package dev.flattar.archive;

import dev.flattar.io.Compression;

/** How one layer's digests are checked while its headers are read: one of four ways. */
enum DigestCheck {
  /** Not at all: {@code inspect} reads headers only. */
  NONE,
  /**
   * Against the digest of its bytes computed while the input was spooled: compared at once, and the
   * headers read by seeking past the data.
   */
  SPOOLED,
  /**
   * On a thread of its own while the output is written ({@link DeferredDigests}); the headers are
   * read by seeking past the data now.
   */
  DEFERRED,
  /** While the headers are read: every (decompressed) byte goes through sha256. */
  HASHED;

  /**
   * Chooses how to check a layer.
   *
   * @param verify whether digests are checked at all
   * @param spooled whether the spool's hasher saw exactly this layer's bytes
   * @param deferrable whether checks may finish after the output is written (it is kept only if
   *     they pass)
   * @param claimsDiffId whether the image names the layer's diff_id (pre-1.10 archives do not, so
   *     it must be computed before it is written)
   */
  static DigestCheck choose(
      boolean verify,
      Compression compression,
      boolean spooled,
      boolean deferrable,
      boolean claimsDiffId) {
    if (!verify) {
      return NONE;
    }
    if (compression != Compression.NONE) {
      return HASHED;
    }
    if (spooled) {
      return SPOOLED;
    }
    return deferrable && claimsDiffId ? DEFERRED : HASHED;
  }

  /** Whether the headers are read without hashing (so data can be skipped by seeking). */
  boolean headersOnly() {
    return this != HASHED;
  }
}
