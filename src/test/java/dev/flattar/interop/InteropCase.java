package dev.flattar.interop;

import java.nio.file.Path;

/**
 * One input of the tier: an archive, the image to flatten when it holds several, and (for the
 * engine-made images) the overlayfs view the generator recorded.
 *
 * @param imageId hex config digest passed as {@code --image}, or null for a single-image archive
 * @param expectedTsv {@code X.expected.tsv} beside an engine-made archive, or null
 */
record InteropCase(Path archive, String imageId, Path expectedTsv) {

  @Override
  public String toString() {
    String name = archive.getFileName().toString();
    return imageId == null ? name : name + " --image " + imageId.substring(0, 12);
  }
}
