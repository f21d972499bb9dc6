package dev.flattar.pipeline;

import dev.flattar.model.Platform;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which images of an archive a run flattens.
 *
 * @param reference a name or image id prefix naming one image, or null for the only one
 * @param platforms the platforms to flatten of each image (empty: all of them)
 * @param all every image of the archive
 */
public record ImageChoice(@Nullable String reference, List<Platform> platforms, boolean all) {
  public ImageChoice {
    platforms = List.copyOf(platforms);
  }
}
