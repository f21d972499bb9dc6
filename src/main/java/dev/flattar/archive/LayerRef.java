package dev.flattar.archive;

import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One layer of a source image as its archive describes it: where its bytes are and what digests the
 * image claims for them.
 *
 * @param archive how messages name the archive the layer is in (its path, or "stdin")
 * @param position 1-based position in the image, oldest first
 * @param member the archive path the layer was found at, for messages
 * @param diffId the claimed sha256 of the uncompressed layer, or null (pre-1.10 archives)
 * @param blobDigest the claimed sha256 of the stored bytes (OCI blobs), or null
 * @param blobSize the claimed size of the stored bytes, or -1
 */
public record LayerRef(
    String archive,
    int position,
    String member,
    FileSlice data,
    @Nullable Digest diffId,
    @Nullable Digest blobDigest,
    long blobSize) {

  /** How errors name the layer: {@code app.tar: layer 2 (blobs/sha256/ab12…)}. */
  public String describe() {
    return archive + ": layer " + position + " (" + member + ")";
  }

  // equals and hashCode written out: a record's generated ones are linked on first use through
  // method handles (ObjectMethods), which costs milliseconds of start-up; these run on every start.
  @Override
  public boolean equals(Object o) {
    return o instanceof LayerRef r
        && r.archive.equals(archive)
        && r.position == position
        && r.member.equals(member)
        && r.data.equals(data)
        && Objects.equals(r.diffId, diffId)
        && Objects.equals(r.blobDigest, blobDigest)
        && r.blobSize == blobSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(archive, position, member, data, diffId, blobDigest, blobSize);
  }
}
