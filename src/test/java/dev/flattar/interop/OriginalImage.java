package dev.flattar.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One image of an original archive.
 *
 * @param id the id loaders give it: hex sha256 of its config bytes (for a legacy archive, the v1 id
 *     of its top layer, since there are no config bytes)
 * @param index its position in manifest.json or among the OCI index's images
 * @param config the image config as the archive holds it (for a legacy archive, the one Docker
 *     derives from the top {@code <id>/json})
 * @param configOrderMatters whether the config's field order is the archive's own (not for legacy:
 *     Docker re-marshals a map, so its order is not defined by the archive)
 * @param layers how many layers the image lists
 */
record OriginalImage(
    String id, int index, ObjectNode config, boolean configOrderMatters, int layers) {

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
