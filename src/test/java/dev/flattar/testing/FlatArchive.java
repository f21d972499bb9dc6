package dev.flattar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.ImageReference;
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

  /** Every layer of the image, oldest first (the new layer is the last). */
  public final List<byte[]> layers;

  private FlatArchive(Map<String, byte[]> members, List<String> order) {
    this.members = members;
    this.memberOrder = order;
    this.manifest = parse(members.get("manifest.json"));
    String configName = manifest.get(0).get("Config").asText();
    this.configBytes = members.get(configName);
    this.config = (ObjectNode) parse(configBytes);
    List<byte[]> all = new ArrayList<>();
    manifest.get(0).get("Layers").forEach(l -> all.add(members.get(l.asText())));
    this.layers = all;
    this.layer = all.get(all.size() - 1);
  }

  public static FlatArchive read(Path archive) {
    try {
      return read(Files.readAllBytes(archive));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FlatArchive read(byte[] archive) {
    return read(archive, 1);
  }

  /** Reads an archive whose image has {@code layers} layers (kept base layers plus the new one). */
  public static FlatArchive read(byte[] archive, int layers) {
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
    a.checkLoadable(layers);
    return a;
  }

  /** What docker load, podman and containerd check, and that the image has exactly one layer. */
  private void checkLoadable(int layerCount) {
    assertThat(manifest.isArray()).isTrue();
    assertThat(manifest).hasSize(1);
    JsonNode entry = manifest.get(0);
    for (String member : memberOrder) {
      assertThat(member).doesNotStartWith("./").doesNotStartWith("/");
    }
    String configName = entry.get("Config").asText();
    assertThat(members).containsKey(configName);
    assertThat(configName)
        .isIn(
            Digest.of(configBytes).hex() + ".json", "blobs/sha256/" + Digest.of(configBytes).hex());
    assertThat(entry.get("Layers")).hasSize(layerCount);
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    assertThat(diffIds).hasSize(layerCount);
    for (int i = 0; i < layerCount; i++) {
      assertThat(members).containsKey(entry.get("Layers").get(i).asText());
      assertThat(diffIds.get(i).asText())
          .isEqualTo(Digest.of(Layers.gunzipIfNeeded(layers.get(i))).toString());
    }
    assertThat(config.get("rootfs").get("type").asText()).isEqualTo("layers");
    int nonEmpty = 0;
    for (JsonNode h : config.get("history")) {
      nonEmpty += h.path("empty_layer").asBoolean(false) ? 0 : 1;
    }
    assertThat(nonEmpty).as("non-empty history entries").isEqualTo(layerCount);
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
    List<byte[]> plain = new ArrayList<>();
    layers.forEach(l -> plain.add(Layers.gunzipIfNeeded(l)));
    return ReferenceTree.of(plain);
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return TestJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
