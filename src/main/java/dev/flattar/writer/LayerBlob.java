package dev.flattar.writer;

import dev.flattar.model.Digest;

/**
 * A written layer.
 *
 * @param diffId sha256 of the uncompressed tar
 * @param digest sha256 of the stored bytes (the same as diffId when uncompressed)
 * @param size number of stored bytes
 * @param mediaType the OCI media type of the stored bytes
 */
public record LayerBlob(Digest diffId, Digest digest, long size, String mediaType)
    implements Members.Produced {}
