package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.model.Digest;
import dev.flattar.model.InvalidImageException;

/** Reading OCI descriptors: their digest and size, and where their blob lies in a layout. */
final class Descriptors {
  private Descriptors() {}

  static Digest digest(JsonNode descriptor, String where) throws InvalidImageException {
    JsonNode digest = descriptor.path("digest");
    Digest d = Digest.parseOrNull(digest.isTextual() ? digest.asText() : null);
    if (d == null) {
      throw new InvalidImageException(
          where + ": descriptor digest " + digest + " is not a sha256 digest");
    }
    return d;
  }

  /** The size the descriptor claims, or -1 when it claims none that makes sense. */
  static long size(JsonNode descriptor) {
    JsonNode size = descriptor.path("size");
    return size.canConvertToLong() && size.asLong() >= 0 ? size.asLong() : -1;
  }

  static String blobPath(Digest digest) {
    return "blobs/sha256/" + digest.hex();
  }
}
