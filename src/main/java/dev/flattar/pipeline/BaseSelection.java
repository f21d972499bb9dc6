package dev.flattar.pipeline;

import dev.flattar.archive.SourceImage;
import dev.flattar.model.Digest;
import dev.flattar.model.InvalidImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How many bottom layers of an image --keep-base or --from-layer keeps. */
final class BaseSelection {
  private BaseSelection() {}

  /**
   * How many bottom layers to keep, as {@code base} says.
   *
   * @param diffIds the image's layers, oldest first (null where the archive names none: pre-1.10)
   * @return the number of layers to keep: 0 when neither option is given
   */
  static int keep(BaseChoice base, String image, List<Digest> diffIds)
      throws InvalidImageException {
    int total = diffIds.size();
    String fromLayer = base.fromLayer();
    int keep = fromLayer == null ? base.keep() : position(fromLayer, image, diffIds);
    if (keep > 0 && keep >= total) {
      throw new InvalidImageException(
          image + " has " + total + " layers; keeping " + keep + " leaves nothing to flatten");
    }
    return keep;
  }

  /** The 1-based position of the layer a --from-layer value names. */
  private static int position(String layer, String image, List<Digest> diffIds)
      throws InvalidImageException {
    if (layer.matches("\\d{1,6}")) {
      int n = Integer.parseInt(layer);
      if (n < 1 || n > diffIds.size()) {
        throw new InvalidImageException(
            "--from-layer " + layer + ": " + image + " has layers 1 to " + diffIds.size());
      }
      return n;
    }
    String hex = layer.toLowerCase(Locale.ROOT);
    hex = hex.startsWith("sha256:") ? hex.substring(7) : hex;
    List<Integer> matches = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      Digest id = diffIds.get(i);
      if (hex.length() >= 4 && id != null && id.hex().startsWith(hex)) {
        matches.add(i + 1);
      }
    }
    if (matches.size() != 1) {
      List<String> all = new ArrayList<>();
      for (int i = 0; i < diffIds.size(); i++) {
        all.add(
            (i + 1) + ": " + (diffIds.get(i) == null ? "no diff_id" : diffIds.get(i).shortHex()));
      }
      throw new InvalidImageException(
          "--from-layer "
              + layer
              + " matches "
              + (matches.isEmpty() ? "no" : matches.size())
              + " layers of "
              + image
              + " ("
              + String.join(", ", all)
              + ")");
    }
    return matches.get(0);
  }

  /** The diff_ids the image's config names (null for each layer of a pre-1.10 archive). */
  static List<Digest> diffIds(SourceImage image) {
    List<Digest> ids = new ArrayList<>();
    image.layers().forEach(ref -> ids.add(ref.diffId()));
    return ids;
  }
}
