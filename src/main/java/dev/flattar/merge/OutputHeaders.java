package dev.flattar.merge;

import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.TarEntry;

/**
 * The header a surviving member is written with, decided from its source header: mtimes newer than
 * the clamp get the clamp, and overlayfs's own bookkeeping xattrs ({@code trusted.overlay.*}, which
 * an engine's overlay storage leaves in layers it exports) are dropped, since they would mean
 * something to the overlayfs of whoever unpacks the flattened layer.
 */
final class OutputHeaders {
  static final String OVERLAY_XATTR = "SCHILY.xattr.trusted.overlay.";

  private OutputHeaders() {}

  static TarEntry of(TarEntry source, long clampMtime) {
    TarEntry h = hasOverlayXattr(source) ? source.withoutPax(OutputHeaders::isOverlay) : source;
    boolean newer =
        h.mtimeSeconds() > clampMtime || (h.mtimeSeconds() == clampMtime && h.mtimeNanos() > 0);
    return newer ? h.withMtime(clampMtime, 0) : h;
  }

  private static boolean hasOverlayXattr(TarEntry e) {
    for (PaxRecord r : e.extraPax()) {
      if (isOverlay(r)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOverlay(PaxRecord r) {
    return r.key().startsWith(OVERLAY_XATTR);
  }
}
