package dev.flattar.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OCI image layouts written document by document, per the image spec, for tests that need what no
 * builder here makes: artifacts, referrers, attestations beside images.
 */
public final class OciLayoutBuilder {
  public static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final ArrayNode entries = TestJson.MAPPER.createArrayNode();

  public OciLayoutBuilder() {
    files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
  }

  /** Stores a blob; its descriptor. */
  public ObjectNode blob(String mediaType, byte[] bytes) {
    files.put("blobs/sha256/" + Digest.of(bytes).hex(), bytes);
    return Archives.descriptor(mediaType, bytes);
  }

  /** An image manifest over an image config and tar layers (uncompressed). */
  public ObjectNode image(ObjectNode config, List<byte[]> layers) {
    ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    layers.forEach(l -> diffIds.add(Digest.of(l).toString()));
    ObjectNode manifest = manifest(null);
    manifest.set("config", blob("application/vnd.oci.image.config.v1+json", Json.write(config)));
    ArrayNode layerArray = manifest.putArray("layers");
    for (byte[] layer : layers) {
      layerArray.add(blob("application/vnd.oci.image.layer.v1.tar", layer));
    }
    return store(manifest, "application/vnd.oci.image.manifest.v1+json");
  }

  /**
   * An artifact manifest (image spec 1.1): the empty config, one layer, an artifact type, and a
   * subject when one is given.
   */
  public ObjectNode artifact(
      String artifactType, String configType, String layerType, ObjectNode subject) {
    ObjectNode manifest = manifest(artifactType);
    byte[] config =
        configType.equals(EMPTY_CONFIG)
            ? "{}".getBytes(StandardCharsets.UTF_8)
            : "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    manifest.set("config", blob(configType, config));
    manifest
        .putArray("layers")
        .add(blob(layerType, ("payload of " + artifactType).getBytes(StandardCharsets.UTF_8)));
    if (subject != null) {
      ObjectNode s = manifest.putObject("subject");
      s.put("mediaType", subject.get("mediaType").asText());
      s.put("digest", subject.get("digest").asText());
      s.put("size", subject.get("size").asLong());
    }
    return store(manifest, "application/vnd.oci.image.manifest.v1+json");
  }

  /** An image index over descriptors (each may carry a platform and annotations). */
  public ObjectNode index(ObjectNode... manifests) {
    ObjectNode index = TestJson.MAPPER.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode array = index.putArray("manifests");
    for (ObjectNode m : manifests) {
      array.add(m);
    }
    return store(index, "application/vnd.oci.image.index.v1+json");
  }

  /** Lists a descriptor in index.json, named {@code name} (containerd's way) unless null. */
  public OciLayoutBuilder entry(ObjectNode descriptor, String name) {
    ObjectNode d = descriptor.deepCopy();
    if (name != null) {
      d.putObject("annotations").put("io.containerd.image.name", name);
    }
    entries.add(d);
    return this;
  }

  /** The layout as an archive. */
  public byte[] archive() {
    ObjectNode index = TestJson.MAPPER.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    index.set("manifests", entries);
    Map<String, byte[]> all = new LinkedHashMap<>(files);
    all.put("index.json", Json.write(index));
    return Archives.tar(all, Map.of());
  }

  private static ObjectNode manifest(String artifactType) {
    ObjectNode manifest = TestJson.MAPPER.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    if (artifactType != null) {
      manifest.put("artifactType", artifactType);
    }
    return manifest;
  }

  private ObjectNode store(ObjectNode document, String mediaType) {
    return blob(mediaType, Json.write(document));
  }
}
