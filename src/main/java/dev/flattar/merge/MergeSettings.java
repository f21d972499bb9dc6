package dev.flattar.merge;

/**
 * How to merge.
 *
 * @param keepBase how many layers at the bottom are kept as they are; the new layer then holds the
 *     rest, plus the whiteout and opaque markers that delete from the kept layers what the rest
 *     deleted. 0 flattens everything.
 * @param clampMtime entries newer than this (seconds since the epoch) get this time; {@code
 *     Long.MAX_VALUE} for none
 * @param log receives each decision (what was kept, overwritten, whited out, re-linked)
 */
public record MergeSettings(int keepBase, long clampMtime, MergeLog log) {
  public static final MergeSettings FLATTEN = new MergeSettings(0, Long.MAX_VALUE, MergeLog.NONE);

  public MergeSettings {
    if (keepBase < 0) {
      throw new IllegalArgumentException("keepBase must not be negative: " + keepBase);
    }
  }
}
