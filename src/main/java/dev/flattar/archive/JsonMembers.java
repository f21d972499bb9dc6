package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;
import dev.flattar.model.DigestMismatchException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Json;
import dev.flattar.model.UnsupportedImageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading the JSON documents of an image archive: bounded, parsed, checked. */
final class JsonMembers {
  /** Largest manifest, index or config accepted (podman's own limits are 1 and 4 MiB). */
  static final long MAX_JSON_BYTES = 16L << 20;

  private JsonMembers() {}

  /** Reads a JSON member, within the limits for one document and for the whole archive. */
  static byte[] read(OuterArchive archive, FileSlice slice, String what)
      throws InvalidImageException, IOException {
    if (slice.length() > MAX_JSON_BYTES) {
      throw new InvalidImageException(
          what + " is " + slice.length() + " bytes; the limit is " + MAX_JSON_BYTES);
    }
    archive.chargeJson(slice.length(), what);
    return slice.readAll();
  }

  /** Reads a content-addressed blob and checks its digest (and size, when given). */
  static byte[] readBlob(
      OuterArchive archive, FileSlice slice, Digest digest, long size, String what)
      throws InvalidImageException, DigestMismatchException, IOException {
    if (size >= 0 && slice.length() != size) {
      throw new DigestMismatchException(
          what + " is " + slice.length() + " bytes but its descriptor says " + size);
    }
    byte[] bytes = read(archive, slice, what);
    Digest actual = Digest.of(bytes);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(
          what + " does not match its digest: expected " + digest + ", content is " + actual);
    }
    return bytes;
  }

  /** Parses an image config and rejects what cannot be flattened here. */
  static ObjectNode config(byte[] bytes, String what)
      throws InvalidImageException, UnsupportedImageException {
    JsonNode node = Json.parse(bytes, what);
    if (!(node instanceof ObjectNode config)) {
      throw new InvalidImageException(what + " is not a JSON object");
    }
    checkSupported(config, what);
    return config;
  }

  /** Rejects configs of images that cannot be flattened here. */
  static void checkSupported(ObjectNode config, String what) throws UnsupportedImageException {
    String os = config.path("os").asText("");
    if (os.equalsIgnoreCase("windows")) {
      throw new UnsupportedImageException(
          what + " describes a Windows image; Windows layers are not supported");
    }
  }

  /** The config's rootfs.diff_ids, checked to be digests. */
  static List<Digest> diffIds(ObjectNode config, String what) throws InvalidImageException {
    JsonNode ids = config.path("rootfs").path("diff_ids");
    if (ids.isMissingNode() || ids.isNull()) {
      if (config.path("rootfs").isObject()) {
        return List.of();
      }
      throw new InvalidImageException(what + " has no rootfs.diff_ids");
    }
    if (!ids.isArray()) {
      throw new InvalidImageException(what + ": rootfs.diff_ids is not an array");
    }
    List<Digest> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Digest d = Digest.parseOrNull(ids.get(i).isTextual() ? ids.get(i).asText() : null);
      if (d == null) {
        throw new InvalidImageException(
            what + ": rootfs.diff_ids[" + i + "] is not a sha256 digest: " + ids.get(i));
      }
      out.add(d);
    }
    return out;
  }

  /** A JSON array of strings (null or absent means empty). */
  static List<String> strings(JsonNode node, String what) throws InvalidImageException {
    List<String> out = new ArrayList<>();
    if (node == null || node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new InvalidImageException(what + " is not an array");
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        throw new InvalidImageException(what + "[" + i + "] is not a string: " + node.get(i));
      }
      out.add(node.get(i).asText());
    }
    return out;
  }

  /** A field that may be spelled as Docker writes it or in lower case (jib). */
  static JsonNode field(JsonNode object, String dockerName) {
    JsonNode n = object.get(dockerName);
    if (n == null) {
      n = object.get(Character.toLowerCase(dockerName.charAt(0)) + dockerName.substring(1));
    }
    return n;
  }
}
