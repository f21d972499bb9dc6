package dev.flattar.interop;

import java.nio.file.Path;

/**
 * umoci, the OCI reference unpacker: {@code umoci raw unpack} applies an OCI layout's layers to a
 * plain directory (whiteouts, opaque directories, hard links, owners, modes, xattrs, as root).
 */
final class Umoci {
  static final String TAG = "original";

  private Umoci() {}

  /** Copies an image that skopeo can read ({@code oci-archive:X}, ...) into an OCI layout. */
  static void importImage(String skopeoSource, Path layout) {
    Skopeo.copy(skopeoSource, "oci:" + layout + ":" + TAG);
  }

  /** Unpacks the layout's image into {@code rootfs} (which must not exist). */
  static void unpack(Path layout, Path rootfs) {
    Cmd.ok("umoci", "raw", "unpack", "--image", layout + ":" + TAG, rootfs.toString());
  }
}
