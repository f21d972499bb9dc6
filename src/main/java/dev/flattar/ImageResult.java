package dev.flattar;

import dev.flattar.model.Digest;
import dev.flattar.model.MergeSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * @param platform the platform the image is for ({@code linux/arm64/v8}), or null when unknown
 * @param merge what the merge did: members kept, whiteouts applied, links rewritten, bytes hidden
 */
public record ImageResult(
    Digest sourceId,
    int sourceLayers,
    int keptLayers,
    @Nullable Digest imageId,
    Digest diffId,
    long layerSize,
    List<String> tags,
    @Nullable String platform,
    MergeSummary merge) {
  public ImageResult {
    tags = List.copyOf(tags);
  }
}
