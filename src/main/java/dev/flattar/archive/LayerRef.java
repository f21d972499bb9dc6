package dev.flattar.archive;

import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;

/**
 * One layer of a source image: where its bytes are and what digests the image claims for them.
 *
 * @param position 1-based position in the image, oldest first
 * @param member the archive path the layer was found at, for messages
 * @param diffId the claimed sha256 of the uncompressed layer, or null (pre-1.10 archives)
 * @param blobDigest the claimed sha256 of the stored bytes (OCI blobs), or null
 * @param blobSize the claimed size of the stored bytes, or -1
 */
public record LayerRef(
    int position, String member, FileSlice data, Digest diffId, Digest blobDigest, long blobSize) {

  public String describe() {
    return "layer " + position + " (" + member + ")";
  }
}
