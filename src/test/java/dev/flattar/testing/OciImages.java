package dev.flattar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.model.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images an OCI layout (in an archive's members) holds, walked from index.json through nested
 * image indexes; every descriptor's blob checked against its digest and size on the way.
 */
public final class OciImages {
  private OciImages() {}

  /**
   * One image.
   *
   * @param names the names index.json gives the entry it was found under
   * @param platform {@code os/arch[/variant]} from its descriptor, or "" when none is given
   * @param indexed whether it was found inside a nested image index
   * @param config its config
   * @param layers its layers, uncompressed, oldest first
   */
  public record Image(
      List<String> names, String platform, boolean indexed, JsonNode config, List<byte[]> layers) {}

  public static List<Image> read(Map<String, byte[]> members) {
    JsonNode index = json(members.get("index.json"));
    List<Image> images = new ArrayList<>();
    for (JsonNode d : index.get("manifests")) {
      List<String> names = new ArrayList<>();
      JsonNode a = d.path("annotations");
      if (a.has("io.containerd.image.name")) {
        names.add(a.get("io.containerd.image.name").asText());
      } else if (a.has("org.opencontainers.image.ref.name")) {
        names.add(a.get("org.opencontainers.image.ref.name").asText());
      }
      walk(members, d, names, false, images);
    }
    return images;
  }

  private static void walk(
      Map<String, byte[]> members,
      JsonNode descriptor,
      List<String> names,
      boolean indexed,
      List<Image> into) {
    JsonNode doc = json(blob(members, descriptor));
    if (descriptor.get("mediaType").asText().endsWith("image.index.v1+json")) {
      assertThat(doc.get("mediaType").asText()).isEqualTo(descriptor.get("mediaType").asText());
      for (JsonNode d : doc.get("manifests")) {
        walk(members, d, names, true, into);
      }
      return;
    }
    JsonNode config = json(blob(members, doc.get("config")));
    List<byte[]> layers = new ArrayList<>();
    for (JsonNode layer : doc.get("layers")) {
      layers.add(Layers.gunzipIfNeeded(blob(members, layer)));
    }
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    assertThat(diffIds).hasSize(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      assertThat(diffIds.get(i).asText()).isEqualTo(Digest.of(layers.get(i)).toString());
    }
    JsonNode p = descriptor.path("platform");
    String platform =
        p.isObject()
            ? p.get("os").asText()
                + "/"
                + p.get("architecture").asText()
                + (p.has("variant") ? "/" + p.get("variant").asText() : "")
            : "";
    if (p.isObject()) {
      assertThat(config.get("architecture").asText())
          .as("the config's architecture is the descriptor's")
          .isEqualTo(p.get("architecture").asText());
    }
    into.add(new Image(names, platform, indexed, config, layers));
  }

  private static byte[] blob(Map<String, byte[]> members, JsonNode descriptor) {
    Digest digest = Digest.parse(descriptor.get("digest").asText());
    byte[] bytes = members.get("blobs/sha256/" + digest.hex());
    assertThat(bytes).as("blob %s is in the archive", digest).isNotNull();
    assertThat(Digest.of(bytes)).isEqualTo(digest);
    assertThat((long) bytes.length).isEqualTo(descriptor.get("size").asLong());
    return bytes;
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return TestJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
