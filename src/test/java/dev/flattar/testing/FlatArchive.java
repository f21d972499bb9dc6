package dev.flattar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.ImageReference;
import dev.flattar.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A flattened archive read back with commons-compress (not flat-tar's reader), checked against what
 * docker load, podman and containerd require (FORMAT.md section 2).
 */
public final class FlatArchive {
  public final Map<String, byte[]> members;
  public final List<String> memberOrder;
  public final JsonNode manifest;
  public final ObjectNode config;
  public final byte[] configBytes;
  public final byte[] layer;

  private FlatArchive(Map<String, byte[]> members, List<String> order) {
    this.members = members;
    this.memberOrder = order;
    this.manifest = parse(members.get("manifest.json"));
    String configName = manifest.get(0).get("Config").asText();
    this.configBytes = members.get(configName);
    this.config = (ObjectNode) parse(configBytes);
    this.layer = members.get(manifest.get(0).get("Layers").get(0).asText());
  }

  public static FlatArchive read(Path archive) {
    try {
      return read(Files.readAllBytes(archive));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FlatArchive read(byte[] archive) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new java.io.ByteArrayInputStream(archive))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        assertThat(e.isFile()).as("outer member %s is a regular file", e.getName()).isTrue();
        assertThat(members).as("duplicate outer member").doesNotContainKey(e.getName());
        order.add(e.getName());
        members.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FlatArchive a = new FlatArchive(members, order);
    a.checkLoadable();
    return a;
  }

  /** What docker load, podman and containerd check, and that the image has exactly one layer. */
  private void checkLoadable() {
    assertThat(manifest.isArray()).isTrue();
    assertThat(manifest).hasSize(1);
    JsonNode entry = manifest.get(0);
    for (String member : memberOrder) {
      assertThat(member).doesNotStartWith("./").doesNotStartWith("/");
    }
    String configName = entry.get("Config").asText();
    assertThat(members).containsKey(configName);
    assertThat(configName).isEqualTo(Digest.of(configBytes).hex() + ".json");
    assertThat(entry.get("Layers")).hasSize(1);
    assertThat(members).containsKey(entry.get("Layers").get(0).asText());
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    assertThat(diffIds).hasSize(1);
    assertThat(diffIds.get(0).asText()).isEqualTo(Digest.of(layer).toString());
    assertThat(config.get("rootfs").get("type").asText()).isEqualTo("layers");
    int nonEmpty = 0;
    for (JsonNode h : config.get("history")) {
      nonEmpty += h.path("empty_layer").asBoolean(false) ? 0 : 1;
    }
    assertThat(nonEmpty).as("non-empty history entries").isEqualTo(1);
    JsonNode tags = entry.get("RepoTags");
    if (tags != null && !tags.isNull()) {
      for (JsonNode t : tags) {
        assertThat(ImageReference.parseOrNull(t.asText()))
            .as("RepoTag %s parses as name:tag", t)
            .isNotNull();
      }
    }
    assertThat(members.get("manifest.json").length).isLessThan(1 << 20);
    assertThat(configBytes.length).isLessThan(4 << 20);
  }

  public List<String> repoTags() {
    List<String> out = new ArrayList<>();
    JsonNode tags = manifest.get(0).get("RepoTags");
    if (tags != null) {
      tags.forEach(t -> out.add(t.asText()));
    }
    return out;
  }

  public ReferenceTree tree() {
    return ReferenceTree.of(List.of(layer));
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
