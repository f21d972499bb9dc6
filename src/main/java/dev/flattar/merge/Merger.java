package dev.flattar.merge;

import dev.flattar.model.FlatTarException;
import dev.flattar.tar.TarEntry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whiteout-aware merge of a stack of layers into one (README, "Layer rules"), or of the layers
 * above a kept base into one that goes on top of it. Works on member headers only; it never sees
 * archive bytes.
 */
public final class Merger {
  private Merger() {}

  /** Plans a full flatten. */
  public static Plan merge(List<List<TarEntry>> layers, List<String> names)
      throws FlatTarException {
    return merge(layers, names, MergeSettings.FLATTEN);
  }

  /**
   * Plans the new layer.
   *
   * @param layers each layer's members in archive order, oldest layer first
   * @param names how each layer is named in errors, same order
   */
  public static Plan merge(List<List<TarEntry>> layers, List<String> names, MergeSettings settings)
      throws FlatTarException {
    int keep = settings.keepBase();
    if (keep > layers.size()) {
      throw new IllegalArgumentException(
          "cannot keep " + keep + " of " + layers.size() + " layers");
    }
    PathTree tree = new PathTree();
    List<LayerIndex> indexes = new ArrayList<>(layers.size());
    for (int k = 0; k < layers.size(); k++) {
      indexes.add(LayerIndex.build(layers.get(k), tree, names.get(k)));
    }
    tree.seal(); // every path is known: what remains is read by node

    Visibility.Result whole = Visibility.resolve(indexes, tree, names);
    Map<Integer, BaseMarkers.Kind> markers = new TreeMap<>();
    Visibility.Result base = null;
    if (keep > 0) {
      base = Visibility.resolve(indexes.subList(0, keep), tree, names);
      markers = BaseMarkers.compute(indexes, keep, tree, whole, base);
    }
    if (settings.log() != MergeLog.NONE) {
      logDecisions(indexes, keep, tree, whole, names, settings.log());
    }
    return PlanBuilder.build(indexes, tree, whole, base, markers, settings);
  }

  /** Says, for every member of the squashed layers, what became of it and why. */
  private static void logDecisions(
      List<LayerIndex> layers,
      int keep,
      PathTree tree,
      Visibility.Result whole,
      List<String> names,
      MergeLog log) {
    for (int k = keep; k < layers.size(); k++) {
      LayerIndex layer = layers.get(k);
      BitSet visible = whole.visible[k];
      int stamp = k + 1;
      for (int i = 0; i < layer.size(); i++) {
        int node = layer.node[i];
        String path = tree.path(node);
        String where = names.get(k);
        String what =
            switch (layer.kind[i]) {
              case WHITEOUT -> "whiteout applied to lower layers";
              case OPAQUE -> "opaque marker applied to lower layers";
              case AUFS_METADATA -> "AUFS metadata skipped";
              case CONTENT -> {
                if (visible.get(i)) {
                  yield "kept";
                } else if (whole.decidedBy(node) > stamp) {
                  yield "overwritten by layer " + whole.decidedBy(node);
                } else if (whole.deletedBy(node) > stamp) {
                  yield "whited out by layer " + whole.deletedBy(node);
                } else if (whole.decidedBy(node) == stamp) {
                  yield "overwritten later in the same layer";
                } else {
                  yield "hidden: a parent directory was deleted or replaced";
                }
              }
            };
        log.decision(path, where + ": " + what);
      }
    }
  }
}
