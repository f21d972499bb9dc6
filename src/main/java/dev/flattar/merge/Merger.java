package dev.flattar.merge;

import dev.flattar.model.FlatTarException;
import dev.flattar.tar.TarEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The whiteout-aware merge of a stack of layers into one (FORMAT.md section 3). Works on member
 * headers only; it never sees archive bytes.
 */
public final class Merger {
  private Merger() {}

  /**
   * Plans the flattened layer.
   *
   * @param layers each layer's members in archive order, oldest layer first
   * @param names how each layer is named in errors, same order
   */
  public static Plan merge(List<List<TarEntry>> layers, List<String> names)
      throws FlatTarException {
    PathTree tree = new PathTree();
    List<LayerIndex> indexes = new ArrayList<>(layers.size());
    for (int k = 0; k < layers.size(); k++) {
      indexes.add(LayerIndex.build(layers.get(k), tree, names.get(k)));
    }
    Visibility.Result visibility = Visibility.resolve(indexes, tree);
    return PlanBuilder.build(indexes, tree, visibility);
  }
}
