package dev.flattar;

import dev.flattar.model.MergeSummary;
import dev.flattar.model.Texts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The line a run says per image, what a docker-squash user sees: {@code app:1.0: 14 layers → 1,
 * 212.0 MiB (was 388.0 MiB of layers; 176.0 MiB hidden by later layers dropped)}.
 */
final class Summary {
  private Summary() {}

  /**
   * One line per image; the platform named where several images share a name, and for an untagged
   * image (one platform of an unnamed index).
   */
  static List<String> lines(List<ImageResult> images) {
    Set<String> seen = new HashSet<>();
    Set<String> shared = new HashSet<>();
    for (ImageResult r : images) {
      if (!seen.add(name(r))) {
        shared.add(name(r));
      }
    }
    List<String> lines = new ArrayList<>();
    for (ImageResult r : images) {
      String platform = r.platform();
      boolean named = platform != null && (shared.contains(name(r)) || r.tags().isEmpty());
      lines.add(line(r, named ? name(r) + " " + platform : name(r)));
    }
    return lines;
  }

  static String line(ImageResult r, String name) {
    MergeSummary m = r.merge();
    StringBuilder b = new StringBuilder(name).append(": ");
    b.append(Texts.count(r.sourceLayers(), "layer")).append(" → ");
    String size = Texts.bytes(m.newLayerBytes());
    if (r.layerSize() != m.newLayerBytes()) {
      size += " (" + Texts.bytes(r.layerSize()) + " compressed)";
    }
    if (r.imageId() == null) {
      b.append("a ").append(size).append(" filesystem tar");
    } else {
      b.append(r.keptLayers() + 1);
      if (r.keptLayers() > 0) {
        b.append(" (").append(r.keptLayers()).append(" kept)");
      }
      b.append(", ").append(size);
    }
    List<String> saved = new ArrayList<>();
    if (m.squashedBytes() >= 0) {
      int squashed = r.sourceLayers() - r.keptLayers();
      saved.add(
          "was "
              + Texts.bytes(m.squashedBytes())
              + (r.keptLayers() > 0
                  ? " in the " + Texts.count(squashed, "squashed layer")
                  : " of layers"));
    }
    saved.add(Texts.bytes(m.hiddenBytes()) + " hidden by later layers dropped");
    return b.append(" (").append(String.join("; ", saved)).append(")").toString();
  }

  private static String name(ImageResult r) {
    return r.tags().isEmpty() ? r.sourceId().shortHex() : r.tags().get(0);
  }
}
