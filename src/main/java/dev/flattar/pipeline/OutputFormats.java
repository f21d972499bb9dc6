package dev.flattar.pipeline;

import dev.flattar.archive.ArchiveImage;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Platform;
import java.util.List;

/**
 * The layout a run writes, once the images are known, and which platform of a multi-platform image
 * manifest.json names (it holds one image per name).
 */
final class OutputFormats {
  private static final Platform AMD64 = Platform.of("linux", "amd64", "");

  private OutputFormats() {}

  /**
   * {@code auto} made docker, or both when an image keeps several platforms (docker refused then);
   * for a layout directory, {@code auto} is oci, and docker is refused.
   */
  static OutputFormat resolve(OutputFormat asked, Chosen chosen, boolean directory)
      throws InvalidImageException {
    if (directory) {
      if (asked == OutputFormat.DOCKER) {
        throw new InvalidImageException(
            "a directory output is an OCI image layout: write it with --format oci or both,"
                + " or a docker archive to a file");
      }
      return asked == OutputFormat.AUTO ? OutputFormat.OCI : asked;
    }
    if (asked == OutputFormat.DOCKER) {
      for (ArchiveImage image : chosen.images()) {
        if (image.multiPlatform()) {
          throw new InvalidImageException(
              image.displayName()
                  + " keeps "
                  + image.platforms().size()
                  + " platforms, and --format docker holds one image per name:"
                  + " choose one with --platform, or write --format oci or both");
        }
      }
    }
    return asked.resolve(chosen.multiPlatform());
  }

  /**
   * Which platform manifest.json names: linux/amd64 when the image has it (whatever the machine
   * flat-tar runs on: the output never depends on it), else the first the index lists.
   */
  static int dockerPlatform(List<Platform> platforms) {
    for (int i = 0; i < platforms.size(); i++) {
      Platform p = platforms.get(i);
      if (p != null && AMD64.matches(p) && p.normalized().variant().isEmpty()) {
        return i;
      }
    }
    return 0;
  }
}
