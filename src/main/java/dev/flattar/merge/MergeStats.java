package dev.flattar.merge;

/**
 * What the merge did, for --verbose and inspect.
 *
 * @param members members read over all layers
 * @param kept members written to the flattened layer
 * @param whiteouts whiteout and opaque markers applied
 * @param linksRewritten hard links whose data holder did not survive and that now hold the data
 *     themselves or point at another survivor of their group
 */
public record MergeStats(long members, long kept, long whiteouts, long linksRewritten) {}
