package dev.flattar.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The config of the flattened image (README, "What it writes"): the source config with only {@code
 * rootfs}, {@code history} (and {@code created}, when asked) replaced. Every other field, known or
 * not, keeps its value and its place.
 */
final class ConfigRewriter {
  private ConfigRewriter() {}

  /**
   * @param source the source image's config (not modified)
   * @param diffIds the new layer stack: the kept base layers, then the new layer
   * @param keptLayers how many layers at the bottom were kept as they were: their history entries
   *     stay unchanged, every later one is marked empty
   * @param created the new {@code created} time (RFC 3339), or null to keep the source's
   */
  static ObjectNode rewrite(
      ObjectNode source,
      List<Digest> diffIds,
      int keptLayers,
      String createdBy,
      String comment,
      @Nullable String created) {
    ObjectNode config = source.deepCopy();
    if (created != null) {
      config.put("created", created);
    }
    ObjectNode rootfs = Json.object();
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(d -> ids.add(d.toString()));
    config.set("rootfs", rootfs);

    ArrayNode history = Json.array();
    JsonNode old = config.get("history");
    int layersSeen = 0;
    if (old != null && old.isArray()) {
      for (JsonNode h : old) {
        boolean empty = h.path("empty_layer").asBoolean(false);
        if (layersSeen < keptLayers || !(h instanceof ObjectNode entry)) {
          history.add(h);
        } else {
          ObjectNode copy = entry.deepCopy();
          copy.put("empty_layer", true);
          history.add(copy);
        }
        layersSeen += empty ? 0 : 1;
      }
    }
    ObjectNode added = history.addObject();
    JsonNode when = config.get("created");
    if (when != null && when.isTextual()) {
      added.put("created", when.asText());
    }
    added.put("created_by", createdBy);
    added.put("comment", comment);
    config.set("history", history);
    return config;
  }
}
