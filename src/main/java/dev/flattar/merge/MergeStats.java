package dev.flattar.merge;

import java.util.List;

/**
 * What the merge did, for --verbose and inspect.
 *
 * @param members members read over the squashed layers
 * @param kept members written to the new layer (markers and directories included)
 * @param whiteouts whiteout and opaque markers applied
 * @param linksRewritten hard links whose data holder did not survive and that now hold the data
 *     themselves or point at another survivor of their group
 * @param layers per layer, oldest first (all layers, kept ones too)
 */
public record MergeStats(
    long members, long kept, long whiteouts, long linksRewritten, List<LayerStats> layers) {
  public MergeStats {
    layers = List.copyOf(layers);
  }

  /**
   * One layer's part.
   *
   * @param entries its members, whiteout and opaque markers included
   * @param bytes the data bytes of its regular files
   * @param hiddenEntries files, directories and links that later layers overwrite or delete (not
   *     counting the layer's own markers)
   * @param survivingBytes data bytes of its files still visible
   */
  public record LayerStats(long entries, long bytes, long hiddenEntries, long survivingBytes) {
    /** Bytes that later layers overwrote or deleted. */
    public long hiddenBytes() {
      return bytes - survivingBytes;
    }
  }
}
