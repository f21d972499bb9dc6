package dev.flattar.archive;

import dev.flattar.io.SpoolDigests;
import dev.flattar.model.Progress;

/**
 * How layers are scanned.
 *
 * @param threads how many layers are read at once
 * @param verify whether digests are checked (false: headers only, for {@code inspect})
 * @param hashStored also hash each compressed layer's stored bytes when its image does not name
 *     their digest (a kept layer written into an OCI layout needs it)
 * @param deferred where checks of uncompressed layers go that may finish while the output is
 *     written; {@link DeferredDigests#none()} to check every layer before anything is written
 * @param spooled digests of member data computed while the input was spooled
 */
public record ScanSettings(
    int threads,
    boolean verify,
    boolean hashStored,
    Progress progress,
    DeferredDigests deferred,
    SpoolDigests spooled) {

  /** Every digest checked now, no progress shown. */
  public static ScanSettings checkingNow(int threads) {
    return new ScanSettings(
        threads, true, false, Progress.NONE, DeferredDigests.none(), SpoolDigests.none());
  }

  /** Headers only: nothing hashed or checked. */
  public static ScanSettings headersOnly() {
    return new ScanSettings(
        1, false, false, Progress.NONE, DeferredDigests.none(), SpoolDigests.none());
  }
}
