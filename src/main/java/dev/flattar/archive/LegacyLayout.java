package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Archives from docker save before 1.10: {@code repositories} maps tags to a top v1 id, each {@code
 * <id>/json} names its parent, each {@code <id>/layer.tar} is one layer. The image config is made
 * from the top json the way Docker's legacy loader makes it: v1-only fields removed, history
 * derived from the chain.
 */
final class LegacyLayout {
  static final String REPOSITORIES = "repositories";
  private static final Pattern V1_ID = Pattern.compile("[0-9a-f]{64}");

  /** Images in one parent chain; Docker never built more than 127 layers. */
  static final int MAX_CHAIN = 4096;

  private static final List<String> V1_ONLY_FIELDS =
      List.of("id", "parent", "Size", "parent_id", "layer_id", "throwaway");

  private LegacyLayout() {}

  static boolean looksLegacy(OuterArchive archive) {
    if (archive.has(REPOSITORIES)) {
      return true;
    }
    return archive.fileNames().stream().anyMatch(n -> n.endsWith("/json") && isV1Dir(n));
  }

  static List<SourceImage> read(OuterArchive archive) throws FlatTarException, IOException {
    Map<String, List<String>> tagsByTop = new LinkedHashMap<>();
    if (archive.has(REPOSITORIES)) {
      readRepositories(archive, tagsByTop);
    }
    if (tagsByTop.isEmpty()) {
      for (String top : untaggedTops(archive)) {
        tagsByTop.put(top, new ArrayList<>());
      }
    }
    if (tagsByTop.isEmpty()) {
      throw new InvalidImageException(archive.label() + ": no image found in the v1 layout");
    }
    List<SourceImage> images = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : tagsByTop.entrySet()) {
      images.add(image(archive, e.getKey(), e.getValue()));
    }
    return images;
  }

  private static void readRepositories(OuterArchive archive, Map<String, List<String>> tagsByTop)
      throws FlatTarException, IOException {
    String where = archive.label() + ": repositories";
    JsonNode repos =
        Json.parse(JsonMembers.read(archive, archive.file(REPOSITORIES, "file"), where), where);
    if (!repos.isObject()) {
      throw new InvalidImageException(where + " is not a JSON object");
    }
    for (Map.Entry<String, JsonNode> repo : repos.properties()) {
      if (!repo.getValue().isObject()) {
        throw new InvalidImageException(where + ": entry '" + repo.getKey() + "' is not an object");
      }
      for (Map.Entry<String, JsonNode> tag : repo.getValue().properties()) {
        String id = tag.getValue().asText("");
        if (!V1_ID.matcher(id).matches()) {
          throw new InvalidImageException(
              where
                  + ": "
                  + repo.getKey()
                  + ":"
                  + tag.getKey()
                  + " names '"
                  + id
                  + "', which is not a v1 image id");
        }
        tagsByTop
            .computeIfAbsent(id, k -> new ArrayList<>())
            .add(repo.getKey() + ":" + tag.getKey());
      }
    }
  }

  /** With no repositories file: the v1 ids that no other id names as parent. */
  private static List<String> untaggedTops(OuterArchive archive)
      throws FlatTarException, IOException {
    Set<String> ids = new HashSet<>();
    Set<String> parents = new HashSet<>();
    for (String name : archive.fileNames()) {
      if (name.endsWith("/json") && isV1Dir(name)) {
        String id = name.substring(0, 64);
        ids.add(id);
        String parent = v1Json(archive, id).path("parent").asText("");
        if (!parent.isEmpty()) {
          parents.add(parent);
        }
      }
    }
    List<String> tops = new ArrayList<>(ids);
    tops.removeAll(parents);
    Collections.sort(tops);
    return tops;
  }

  private static SourceImage image(OuterArchive archive, String topId, List<String> tags)
      throws FlatTarException, IOException {
    List<String> chain = new ArrayList<>();
    List<ObjectNode> jsons = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String id = topId;
    while (!id.isEmpty()) {
      if (!seen.add(id)) {
        throw new InvalidImageException(
            archive.label() + ": the parent chain of " + topId + " loops at " + id);
      }
      if (chain.size() == MAX_CHAIN) {
        throw new InvalidImageException(
            archive.label()
                + ": the parent chain of "
                + topId
                + " is longer than "
                + MAX_CHAIN
                + " images (limit "
                + MAX_CHAIN
                + ")");
      }
      ObjectNode json = v1Json(archive, id);
      chain.add(id);
      jsons.add(json);
      id = json.path("parent").asText("");
    }
    Collections.reverse(chain);
    Collections.reverse(jsons);
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      String path = chain.get(i) + "/layer.tar";
      layers.add(
          new LayerRef(
              archive.label(),
              i + 1,
              path,
              archive.file(path, "layer of v1 image " + chain.get(i)),
              null,
              null,
              -1));
    }
    ObjectNode config = jsons.get(jsons.size() - 1).deepCopy();
    V1_ONLY_FIELDS.forEach(config::remove);
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids");
    ArrayNode history = config.putArray("history");
    for (ObjectNode json : jsons) {
      history.add(historyOf(json));
    }
    return new SourceImage(new Digest(topId), config, tags, layers, "v1 image " + topId);
  }

  /** Docker's v1.HistoryFromConfig: created, author, the build command, comment. */
  private static ObjectNode historyOf(ObjectNode json) {
    ObjectNode h = Json.object();
    copyText(json, "created", h, "created");
    copyText(json, "author", h, "author");
    JsonNode cmd = json.path("container_config").path("Cmd");
    if (cmd.isArray() && !cmd.isEmpty()) {
      List<String> parts = new ArrayList<>();
      cmd.forEach(p -> parts.add(p.asText()));
      h.put("created_by", String.join(" ", parts));
    }
    copyText(json, "comment", h, "comment");
    return h;
  }

  private static void copyText(ObjectNode from, String field, ObjectNode to, String as) {
    JsonNode v = from.get(field);
    if (v != null && v.isTextual() && !v.asText().isEmpty()) {
      to.put(as, v.asText());
    }
  }

  private static ObjectNode v1Json(OuterArchive archive, String id)
      throws FlatTarException, IOException {
    String path = id + "/json";
    String where = archive.label() + ": " + path;
    JsonNode node =
        Json.parse(JsonMembers.read(archive, archive.file(path, "v1 image json"), where), where);
    if (!(node instanceof ObjectNode json)) {
      throw new InvalidImageException(where + " is not a JSON object");
    }
    JsonMembers.checkSupported(json, where);
    return json;
  }

  private static boolean isV1Dir(String name) {
    return name.length() == 64 + "/json".length() && V1_ID.matcher(name.substring(0, 64)).matches();
  }
}
