package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A pre-1.10 {@code docker save} archive (no manifest.json), which none of the installed engines
 * reads, repackaged as an OCI image layout so that umoci can unpack it. The layer blobs are copied
 * byte for byte, oldest first along the {@code <id>/json} parent chain; applying them (whiteouts,
 * opaque dirs, hard links) is left entirely to umoci.
 */
final class LegacyAsOci {
  /** Keys Docker drops when it turns a v1 json into a config (moby image/v1 imagev1.go). */
  static final List<String> V1_ONLY_KEYS =
      List.of("id", "parent", "Size", "parent_id", "layer_id", "throwaway");

  private LegacyAsOci() {}

  /** The single image of a legacy archive, with the config Docker would derive for it. */
  static OriginalImage image(SourceArchive a) {
    List<String> chain = chain(a);
    String top = chain.get(chain.size() - 1);
    ObjectNode config = ((ObjectNode) a.json(top + "/json")).deepCopy();
    config.remove(V1_ONLY_KEYS);
    return new OriginalImage(top, 0, config, false, chain.size());
  }

  /** Writes the layout to {@code dir} with one image tagged {@code tag}. */
  static void write(SourceArchive a, Path dir, String tag) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
      ArrayNode layers = TestJson.MAPPER.createArrayNode();
      ArrayNode diffIds = TestJson.MAPPER.createArrayNode();
      for (String id : chain(a)) {
        Path tmp = blobs.resolve("incoming");
        a.copyMember(id + "/layer.tar", tmp);
        boolean gzip = isGzip(tmp);
        String digest = sha256(tmp, false);
        diffIds.add("sha256:" + (gzip ? sha256(tmp, true) : digest));
        Files.move(tmp, blobs.resolve(digest), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        layers.add(
            descriptor(
                "application/vnd.oci.image.layer.v1.tar" + (gzip ? "+gzip" : ""),
                digest,
                Files.size(blobs.resolve(digest))));
      }
      ObjectNode config = TestJson.MAPPER.createObjectNode();
      config.put("architecture", "amd64").put("os", "linux");
      config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
      ObjectNode manifest = TestJson.MAPPER.createObjectNode().put("schemaVersion", 2);
      manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
      manifest.set("config", blob(blobs, "application/vnd.oci.image.config.v1+json", config));
      manifest.set("layers", layers);
      ObjectNode ref = blob(blobs, "application/vnd.oci.image.manifest.v1+json", manifest);
      ref.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
      ObjectNode index = TestJson.MAPPER.createObjectNode().put("schemaVersion", 2);
      index.putArray("manifests").add(ref);
      Files.write(dir.resolve("index.json"), TestJson.MAPPER.writeValueAsBytes(index));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write OCI layout " + dir + " for " + a.path, e);
    }
  }

  /** v1 ids oldest first: the top id from {@code repositories}, then its parents, reversed. */
  private static List<String> chain(SourceArchive a) {
    JsonNode repos = a.json("repositories");
    List<String> tops = new ArrayList<>();
    for (JsonNode tags : repos) {
      tags.forEach(id -> tops.add(id.asText()));
    }
    if (tops.stream().distinct().count() != 1) {
      throw new AssertionError(a.path + ": repositories names " + tops + ", expected one image");
    }
    List<String> chain = new ArrayList<>();
    for (String id = tops.get(0); id != null && !id.isEmpty(); ) {
      if (chain.contains(id) || chain.size() > 1000) {
        throw new AssertionError(a.path + ": parent chain loops at " + id);
      }
      chain.add(0, id);
      JsonNode parent = a.json(id + "/json").get("parent");
      id = parent == null || parent.isNull() ? null : parent.asText();
    }
    return chain;
  }

  private static ObjectNode blob(Path blobs, String mediaType, ObjectNode json) throws IOException {
    byte[] bytes = TestJson.MAPPER.writeValueAsBytes(json);
    String digest = OriginalImage.sha256(bytes);
    Files.write(blobs.resolve(digest), bytes);
    return descriptor(mediaType, digest, bytes.length);
  }

  private static ObjectNode descriptor(String mediaType, String hex, long size) {
    ObjectNode d = TestJson.MAPPER.createObjectNode().put("mediaType", mediaType);
    return d.put("digest", "sha256:" + hex).put("size", size);
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }
  }

  private static String sha256(Path file, boolean gunzip) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = new DigestInputStream(gunzip ? new GZIPInputStream(raw) : raw, md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
