package dev.flattar.writer;

import dev.flattar.model.Digest;
import java.util.List;

/**
 * What was written for one image.
 *
 * @param id the new image id (sha256 of the written config)
 * @param layer the new layer
 */
public record WrittenImage(Digest id, LayerBlob layer, List<String> tags) {
  public WrittenImage {
    tags = List.copyOf(tags);
  }
}
