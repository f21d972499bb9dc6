package dev.flattar.writer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.ImageReference;
import dev.flattar.model.Json;
import dev.flattar.model.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON documents of an OCI image layout. */
final class OciDocuments {
  static final byte[] LAYOUT =
      "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private OciDocuments() {}

  /** An image manifest over the config and the layer descriptors. */
  static byte[] manifest(Digest config, long configSize, List<ObjectNode> layers) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.set("config", descriptor(MediaTypes.OCI_CONFIG, config, configSize));
    ArrayNode array = m.putArray("layers");
    layers.forEach(array::add);
    return Json.write(m);
  }

  static ObjectNode descriptor(String mediaType, Digest digest, long size) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest.toString());
    d.put("size", size);
    return d;
  }

  /**
   * The index entries for one image: one per tag, each naming it the way containerd (the full name)
   * and the OCI spec (the tag) expect; one unnamed entry for an untagged image.
   */
  static void addToIndex(ArrayNode manifests, Digest manifest, long size, List<String> tags) {
    if (tags.isEmpty()) {
      manifests.add(descriptor(MediaTypes.OCI_MANIFEST, manifest, size));
    }
    for (String tag : tags) {
      ImageReference ref = ImageReference.parse(tag);
      ObjectNode d = descriptor(MediaTypes.OCI_MANIFEST, manifest, size);
      ObjectNode annotations = d.putObject("annotations");
      annotations.put("io.containerd.image.name", ref.canonicalName() + ":" + ref.tag());
      annotations.put("org.opencontainers.image.ref.name", ref.tag());
      manifests.add(d);
    }
  }

  static ObjectNode index(ArrayNode manifests) {
    ObjectNode index = Json.MAPPER.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.set("manifests", manifests);
    return index;
  }
}
