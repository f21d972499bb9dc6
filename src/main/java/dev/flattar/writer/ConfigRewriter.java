package dev.flattar.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;

/**
 * The config of the flattened image (FORMAT.md section 5): the source config with only {@code
 * rootfs} and {@code history} replaced. Every other field, known or not, keeps its value and its
 * place.
 */
final class ConfigRewriter {
  private ConfigRewriter() {}

  /**
   * @param source the source image's config (not modified)
   * @param diffIds the new layer stack
   * @param comment what the appended history entry says happened
   */
  static ObjectNode rewrite(
      ObjectNode source, java.util.List<Digest> diffIds, String createdBy, String comment) {
    ObjectNode config = source.deepCopy();
    ObjectNode rootfs = Json.MAPPER.createObjectNode();
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(d -> ids.add(d.toString()));
    config.set("rootfs", rootfs);

    ArrayNode history = Json.MAPPER.createArrayNode();
    JsonNode old = config.get("history");
    if (old != null && old.isArray()) {
      for (JsonNode h : old) {
        if (h instanceof ObjectNode entry) {
          ObjectNode copy = entry.deepCopy();
          copy.put("empty_layer", true);
          history.add(copy);
        } else {
          history.add(h);
        }
      }
    }
    ObjectNode added = history.addObject();
    JsonNode created = config.get("created");
    if (created != null && created.isTextual()) {
      added.put("created", created.asText());
    }
    added.put("created_by", createdBy);
    added.put("comment", comment);
    config.set("history", history);
    return config;
  }
}
