package dev.flattar;

import dev.flattar.merge.MergeStats;
import dev.flattar.model.Digest;
import java.util.List;

/**
 * What a flatten produced.
 *
 * @param sourceId the id of the image that was flattened
 * @param sourceLayers how many layers it had
 * @param imageId the id of the flattened image
 * @param diffId the digest of its one layer
 * @param layerSize that layer's size in bytes
 * @param tags the RepoTags written
 */
public record FlattenResult(
    Digest sourceId,
    int sourceLayers,
    Digest imageId,
    Digest diffId,
    long layerSize,
    List<String> tags,
    MergeStats stats) {
  public FlattenResult {
    tags = List.copyOf(tags);
  }
}
