package dev.flattar.interop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import dev.flattar.testing.Archives;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Edits of a one-image docker-format archive whose members are regular files (a {@code docker save}
 * of an image without repeated layers, or flat-tar's docker output): every layer compressed another
 * way, or the top layer replaced, with the config's diff_id, the config's name and manifest.json
 * following so that Docker loads the result.
 */
final class DockerArchiveEdit {
  private DockerArchiveEdit() {}

  /** Every layer through {@code compress}; diff_ids (of the uncompressed layers) stay. */
  static Path compressLayers(Path in, Path out, UnaryOperator<byte[]> compress) {
    Map<String, byte[]> members = Archives.members(read(in));
    ObjectNode entry = (ObjectNode) json(members.get("manifest.json")).get(0);
    entry
        .get("Layers")
        .forEach(l -> members.put(l.asText(), compress.apply(members.get(l.asText()))));
    return write(out, members);
  }

  /** The top layer (uncompressed) replaced by {@code edit} of it. */
  static Path editTopLayer(Path in, Path out, UnaryOperator<byte[]> edit) {
    Map<String, byte[]> members = Archives.members(read(in));
    ArrayNode manifest = (ArrayNode) json(members.get("manifest.json"));
    ObjectNode entry = (ObjectNode) manifest.get(0);
    ArrayNode layers = (ArrayNode) entry.get("Layers");
    String top = layers.get(layers.size() - 1).asText();
    byte[] layer = edit.apply(members.get(top));
    members.put(top, layer);
    byte[] oldConfig = members.remove(entry.get("Config").asText());
    ObjectNode config = (ObjectNode) json(oldConfig);
    ArrayNode diffIds = (ArrayNode) config.get("rootfs").get("diff_ids");
    diffIds.set(diffIds.size() - 1, Digest.of(layer).toString());
    byte[] newConfig = Json.write(config);
    String configName = Digest.of(newConfig).hex() + ".json";
    members.put(configName, newConfig);
    entry.put("Config", configName);
    members.put("manifest.json", Json.write(manifest));
    return write(out, members);
  }

  private static Path write(Path out, Map<String, byte[]> members) {
    try {
      return Files.write(out, Archives.tar(members, Map.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode json(byte[] bytes) {
    try {
      return TestJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
