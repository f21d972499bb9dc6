package dev.flattar;

import dev.flattar.merge.MergeStats;
import dev.flattar.model.Digest;
import java.util.List;

/**
 * What was written for one image.
 *
 * @param sourceId the id of the image that was flattened
 * @param sourceLayers how many layers it had
 * @param keptLayers how many of them were kept unchanged below the new layer
 * @param imageId the id of the new image (null for a rootfs export)
 * @param diffId the digest of the new layer (uncompressed)
 * @param layerSize the new layer's stored size in bytes
 * @param tags the RepoTags written
 */
public record ImageResult(
    Digest sourceId,
    int sourceLayers,
    int keptLayers,
    Digest imageId,
    Digest diffId,
    long layerSize,
    List<String> tags,
    MergeStats stats) {
  public ImageResult {
    tags = List.copyOf(tags);
  }
}
