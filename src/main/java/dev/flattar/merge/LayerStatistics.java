package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import java.util.ArrayList;
import java.util.List;

/** Per layer: its members and file bytes, and how much of it later layers hide. */
final class LayerStatistics {
  private LayerStatistics() {}

  static List<MergeStats.LayerStats> of(List<LayerIndex> layers, Visibility.Result visibility) {
    List<MergeStats.LayerStats> stats = new ArrayList<>();
    for (int k = 0; k < layers.size(); k++) {
      LayerIndex layer = layers.get(k);
      long bytes = 0;
      long survivingBytes = 0;
      long hidden = 0;
      for (int i = 0; i < layer.size(); i++) {
        TarEntry e = layer.entries.get(i);
        boolean survives = visibility.visible[k].get(i);
        long size = e.type().hasData() ? e.size() : 0;
        bytes += size;
        survivingBytes += survives ? size : 0;
        hidden += layer.kind[i] == EntryKind.CONTENT && !survives ? 1 : 0;
      }
      stats.add(new MergeStats.LayerStats(layer.size(), bytes, hidden, survivingBytes));
    }
    return stats;
  }
}
