package dev.flattar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.model.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an OCI image layout inside an archive the way containerd trusts it: every descriptor's
 * digest and size match its blob, media types fit the bytes, names are where loaders look.
 */
public final class OciCheck {
  private OciCheck() {}

  /** The layer blobs of every image the index lists, each checked; index entries in order. */
  public static List<JsonNode> check(Map<String, byte[]> members) throws Exception {
    assertThat(new String(members.get("oci-layout"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    JsonNode index = TestJson.MAPPER.readTree(members.get("index.json"));
    assertThat(index.get("schemaVersion").asInt()).isEqualTo(2);
    List<JsonNode> manifests = new ArrayList<>();
    for (JsonNode d : index.get("manifests")) {
      byte[] manifest = blob(members, d);
      assertThat(d.get("mediaType").asText())
          .isEqualTo("application/vnd.oci.image.manifest.v1+json");
      JsonNode m = TestJson.MAPPER.readTree(manifest);
      blob(members, m.get("config"));
      assertThat(m.get("config").get("mediaType").asText())
          .isEqualTo("application/vnd.oci.image.config.v1+json");
      JsonNode config = TestJson.MAPPER.readTree(blob(members, m.get("config")));
      JsonNode diffIds = config.get("rootfs").get("diff_ids");
      assertThat(m.get("layers")).hasSize(diffIds.size());
      for (int i = 0; i < diffIds.size(); i++) {
        JsonNode layer = m.get("layers").get(i);
        byte[] stored = blob(members, layer);
        String type = layer.get("mediaType").asText();
        String expected = "application/vnd.oci.image.layer.v1.tar" + suffix(stored);
        assertThat(type).isEqualTo(expected);
        assertThat(diffIds.get(i).asText())
            .isEqualTo(Digest.of(Layers.gunzipIfNeeded(stored)).toString());
      }
      manifests.add(d);
    }
    return manifests;
  }

  private static String suffix(byte[] stored) {
    if (stored.length > 2 && (stored[0] & 0xff) == 0x1f && (stored[1] & 0xff) == 0x8b) {
      return "+gzip";
    }
    if (stored.length > 4 && (stored[0] & 0xff) == 0x28 && (stored[1] & 0xff) == 0xb5) {
      return "+zstd";
    }
    return "";
  }

  private static byte[] blob(Map<String, byte[]> members, JsonNode descriptor) {
    Digest digest = Digest.parse(descriptor.get("digest").asText());
    byte[] bytes = members.get("blobs/sha256/" + digest.hex());
    assertThat(bytes).as("blob %s is in the archive", digest).isNotNull();
    assertThat(Digest.of(bytes)).isEqualTo(digest);
    assertThat((long) bytes.length).isEqualTo(descriptor.get("size").asLong());
    return bytes;
  }
}
