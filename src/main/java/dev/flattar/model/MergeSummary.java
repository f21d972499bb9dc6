package dev.flattar.model;

/**
 * What the merge of one image did.
 *
 * @param members members read over the squashed layers
 * @param kept members written to the new layer (markers and directories included)
 * @param whiteouts whiteout and opaque markers applied
 * @param linksRewritten hard links whose data holder did not survive and that now hold the data
 *     themselves or point at another survivor of their group
 * @param fileBytes data bytes of regular files over all the image's layers, hidden ones included
 * @param hiddenBytes the part of {@code fileBytes} that later layers overwrote or deleted
 */
public record MergeSummary(
    long members,
    long kept,
    long whiteouts,
    long linksRewritten,
    long fileBytes,
    long hiddenBytes) {}
