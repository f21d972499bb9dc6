package dev.flattar.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.ImageReference;
import dev.flattar.model.Json;
import dev.flattar.model.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON documents of an OCI image layout. */
final class OciDocuments {
  static final byte[] LAYOUT =
      "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private OciDocuments() {}

  /**
   * An image manifest over the config and the layer descriptors.
   *
   * @param annotations the source manifest's, carried over, or null
   */
  static byte[] manifest(
      Digest config, long configSize, List<ObjectNode> layers, @Nullable ObjectNode annotations) {
    ObjectNode m = Json.object();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.set("config", descriptor(MediaTypes.OCI_CONFIG, config, configSize));
    ArrayNode array = m.putArray("layers");
    layers.forEach(array::add);
    if (annotations != null) {
      m.set("annotations", annotations.deepCopy());
    }
    return Json.write(m);
  }

  /**
   * The image index of a multi-platform image: each platform's manifest with its platform and
   * annotations as the source index listed it.
   */
  static byte[] platformIndex(List<ObjectNode> manifests, @Nullable ObjectNode annotations) {
    ArrayNode array = Json.array();
    manifests.forEach(array::add);
    ObjectNode index = index(array);
    if (annotations != null) {
      index.set("annotations", annotations.deepCopy());
    }
    return Json.write(index);
  }

  /** A manifest's descriptor in a platform index: with the source's platform and annotations. */
  static ObjectNode listed(Digest manifest, long size, Listing listing) {
    ObjectNode d = descriptor(MediaTypes.OCI_MANIFEST, manifest, size);
    JsonNode platform = listing.platform();
    if (platform != null) {
      d.set("platform", platform.deepCopy());
    }
    ObjectNode annotations = listing.descriptorAnnotations();
    if (annotations != null) {
      d.set("annotations", annotations.deepCopy());
    }
    return d;
  }

  static ObjectNode descriptor(String mediaType, Digest digest, long size) {
    ObjectNode d = Json.object();
    d.put("mediaType", mediaType);
    d.put("digest", digest.toString());
    d.put("size", size);
    return d;
  }

  /**
   * The index.json entries for one image (a manifest, or a platform index): one per tag, each
   * naming it the way containerd (the full name) and the OCI spec (the tag) expect; one per bare
   * tag, named the OCI layout's way only; one unnamed entry for an untagged image.
   */
  static void addToIndex(
      ArrayNode manifests,
      String mediaType,
      Digest target,
      long size,
      List<String> tags,
      List<String> bareTags) {
    if (tags.isEmpty() && bareTags.isEmpty()) {
      manifests.add(descriptor(mediaType, target, size));
    }
    for (String tag : tags) {
      ImageReference ref = ImageReference.parse(tag);
      ObjectNode d = descriptor(mediaType, target, size);
      ObjectNode annotations = d.putObject("annotations");
      annotations.put("io.containerd.image.name", ref.canonicalName() + ":" + ref.tag());
      annotations.put("org.opencontainers.image.ref.name", ref.tag());
      manifests.add(d);
    }
    for (String tag : bareTags) {
      ObjectNode d = descriptor(mediaType, target, size);
      d.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
      manifests.add(d);
    }
  }

  static ObjectNode index(ArrayNode manifests) {
    ObjectNode index = Json.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.set("manifests", manifests);
    return index;
  }
}
