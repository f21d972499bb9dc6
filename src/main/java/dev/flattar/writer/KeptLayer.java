package dev.flattar.writer;

import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;

/**
 * A source layer written unchanged (a base layer kept by --keep-base).
 *
 * @param bytes the layer as stored in the input
 * @param diffId sha256 of its uncompressed tar
 * @param digest sha256 of the stored bytes
 * @param mediaType the OCI media type of the stored bytes
 */
public record KeptLayer(FileSlice bytes, Digest diffId, Digest digest, String mediaType)
    implements Members.Produced {
  @Override
  public long size() {
    return bytes.length();
  }
}
