package dev.flattar.writer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.merge.Plan;
import dev.flattar.model.Digest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to write one flattened image.
 *
 * @param sourceId the id of the image it was made from
 * @param sourceConfig that image's config
 * @param sourceLayers how many layers it had
 * @param tags the output RepoTags, already validated
 * @param kept base layers written unchanged below the new layer (none for a full flatten)
 * @param plan the new layer
 * @param layers the source layers' byte streams, by plan layer index
 * @param listing how it is listed in a multi-platform image's index, or null
 */
public record OutputImage(
    Digest sourceId,
    ObjectNode sourceConfig,
    int sourceLayers,
    List<String> tags,
    List<KeptLayer> kept,
    Plan plan,
    LayerStreams layers,
    @Nullable Listing listing) {
  public OutputImage {
    tags = List.copyOf(tags);
    kept = List.copyOf(kept);
  }
}
