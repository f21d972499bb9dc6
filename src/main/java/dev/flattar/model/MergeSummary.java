package dev.flattar.model;

/**
 * What the merge of one image did, and what it saved.
 *
 * @param members members read over the squashed layers
 * @param kept members written to the new layer (markers and directories included)
 * @param whiteouts whiteout and opaque markers applied
 * @param linksRewritten hard links whose data holder did not survive and that now hold the data
 *     themselves or point at another survivor of their group
 * @param squashedBytes the uncompressed bytes of the layers squashed into the new one (all but a
 *     kept base), or -1 when not every one was read to its end
 * @param hiddenBytes the data bytes of files in those layers that later layers overwrote or
 *     deleted: gone from the new layer
 * @param newLayerBytes the new layer's uncompressed size
 */
public record MergeSummary(
    long members,
    long kept,
    long whiteouts,
    long linksRewritten,
    long squashedBytes,
    long hiddenBytes,
    long newLayerBytes) {}
