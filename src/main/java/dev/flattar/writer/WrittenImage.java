package dev.flattar.writer;

import dev.flattar.model.Digest;
import java.util.List;

/**
 * What was written for one image.
 *
 * @param id the new image id (sha256 of the written config)
 * @param diffId sha256 of the flattened layer
 * @param layerSize its size in bytes
 */
public record WrittenImage(Digest id, Digest diffId, long layerSize, List<String> tags) {
  public WrittenImage {
    tags = List.copyOf(tags);
  }
}
