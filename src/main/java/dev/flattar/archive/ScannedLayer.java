package dev.flattar.archive;

import dev.flattar.io.Compression;
import dev.flattar.model.Digest;
import dev.flattar.tar.EntryTable;
import dev.flattar.tar.TarEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A layer whose headers have been read and whose content has been (or is being) checked against its
 * digests.
 *
 * @param diffId sha256 of the uncompressed bytes, as computed; or as the image claims it while a
 *     {@link DeferredDigests} check runs (null after a headers-only scan)
 * @param storedDigest sha256 of the stored bytes: the diffId when uncompressed; for a compressed
 *     layer when its image names it or it was asked for, else null
 * @param entries the members in archive order, with data offsets into the uncompressed stream
 * @param size the uncompressed layer's length in bytes, or -1 when it was not read to its end (a
 *     compressed layer's headers only)
 */
public record ScannedLayer(
    LayerSource source,
    @Nullable Digest diffId,
    @Nullable Digest storedDigest,
    List<TarEntry> entries,
    long size) {
  public ScannedLayer {
    // A sealed table is already read-only, and copying it would build every member as an object.
    entries = entries instanceof EntryTable t && t.sealed() ? entries : List.copyOf(entries);
  }

  public LayerRef ref() {
    return source.ref();
  }

  public Compression compression() {
    return source.compression();
  }

  /** The same scan, for another listing of the same stored layer (an image that lists it twice). */
  ScannedLayer as(LayerRef other) {
    return other.equals(source.ref())
        ? this
        : new ScannedLayer(
            new LayerSource(other, source.compression(), source.decoded()),
            diffId,
            storedDigest,
            entries,
            size);
  }
}
