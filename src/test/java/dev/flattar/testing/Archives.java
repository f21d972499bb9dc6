package dev.flattar.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Whole image archives in each layout of FORMAT.md section 1, written with commons-compress (a tar
 * writer independent of flat-tar's own).
 */
public final class Archives {
  /** The input layouts real tools write. */
  public enum Layout {
    /** docker save 1.10-24: manifest.json, config {hex}.json, {v1id}/layer.tar, repositories. */
    DOCKER,
    /** crane/kaniko: manifest.json, config "sha256:{hex}", {hex}.tar.gz layers. */
    MANIFEST_ONLY_GZIP,
    /** jib: lower-case manifest keys, config.json, gzip layers. */
    JIB,
    /** docker save 25+: OCI layout plus manifest.json, uncompressed blobs. */
    DOCKER25,
    /** containerd export: OCI layout plus manifest.json, gzip blobs. */
    CONTAINERD,
    /** podman/skopeo/buildkit oci-archive: no manifest.json. */
    OCI,
    /** docker save before 1.10: repositories, {id}/json parent chain, {id}/layer.tar. */
    LEGACY
  }

  private Archives() {}

  public static byte[] build(Layout layout, ImageSpec... images) {
    return build(layout, UnaryOperator.identity(), images);
  }

  /**
   * @param compress how blob layouts compress layers (gzip by default where the layout does)
   */
  public static byte[] build(Layout layout, UnaryOperator<byte[]> compress, ImageSpec... images) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    ArrayNode manifest = TestJson.MAPPER.createArrayNode();
    ObjectNode index = TestJson.MAPPER.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode indexManifests = index.putArray("manifests");
    ObjectNode repositories = TestJson.MAPPER.createObjectNode();
    for (ImageSpec image : images) {
      switch (layout) {
        case LEGACY -> legacy(image, files, repositories);
        case OCI, DOCKER25, CONTAINERD -> {
          UnaryOperator<byte[]> c =
              layout == Layout.CONTAINERD && compress == UnaryOperator.<byte[]>identity()
                  ? Layers::gzip
                  : compress;
          ObjectNode entry = oci(image, files, indexManifests, c, layout == Layout.CONTAINERD);
          if (layout != Layout.OCI) {
            manifest.add(entry);
          }
        }
        default -> manifest.add(manifestEntry(layout, image, files, compress, repositories));
      }
    }
    if (layout == Layout.OCI || layout == Layout.DOCKER25 || layout == Layout.CONTAINERD) {
      files.put(
          "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      files.put("index.json", Json.write(index));
    }
    if (!repositories.isEmpty()) {
      files.put("repositories", Json.write(repositories));
    }
    if (!manifest.isEmpty()) {
      files.put("manifest.json", Json.write(manifest));
    }
    return tar(files, Map.of());
  }

  private static ObjectNode manifestEntry(
      Layout layout,
      ImageSpec image,
      Map<String, byte[]> files,
      UnaryOperator<byte[]> compress,
      ObjectNode repositories) {
    byte[] config = Json.write(image.config());
    Digest configId = Digest.of(config);
    boolean jib = layout == Layout.JIB;
    ObjectNode entry = TestJson.MAPPER.createObjectNode();
    String configName =
        switch (layout) {
          case MANIFEST_ONLY_GZIP -> "sha256:" + configId.hex();
          case JIB -> "config.json";
          default -> configId.hex() + ".json";
        };
    files.put(configName, config);
    entry.put(jib ? "config" : "Config", configName);
    ArrayNode tags = entry.putArray(jib ? "repoTags" : "RepoTags");
    image.tags.forEach(tags::add);
    ArrayNode layers = entry.putArray(jib ? "layers" : "Layers");
    for (byte[] layer : image.layers) {
      Digest diffId = Digest.of(layer);
      String name;
      if (layout == Layout.DOCKER) {
        name = diffId.hex() + "/layer.tar";
        files.put(name, compress.apply(layer));
        files.put(diffId.hex() + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
      } else {
        byte[] gz =
            compress == UnaryOperator.<byte[]>identity()
                ? Layers.gzip(layer)
                : compress.apply(layer);
        name = Digest.of(gz).hex() + ".tar.gz";
        files.put(name, gz);
      }
      layers.add(name);
    }
    if (layout == Layout.DOCKER) {
      for (String tag : image.tags) {
        int colon = tag.lastIndexOf(':');
        ObjectNode repo =
            repositories.has(tag.substring(0, colon))
                ? (ObjectNode) repositories.get(tag.substring(0, colon))
                : repositories.putObject(tag.substring(0, colon));
        repo.put(
            tag.substring(colon + 1), Digest.of(image.layers.get(image.layers.size() - 1)).hex());
      }
    }
    return entry;
  }

  private static ObjectNode oci(
      ImageSpec image,
      Map<String, byte[]> files,
      ArrayNode indexManifests,
      UnaryOperator<byte[]> compress,
      boolean compressed) {
    byte[] config = Json.write(image.config());
    Digest configId = Digest.of(config);
    files.put("blobs/sha256/" + configId.hex(), config);
    ObjectNode m = TestJson.MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    m.set("config", descriptor("application/vnd.oci.image.config.v1+json", config));
    ArrayNode layers = m.putArray("layers");
    ObjectNode entry = TestJson.MAPPER.createObjectNode();
    entry.put("Config", "blobs/sha256/" + configId.hex());
    ArrayNode tags = entry.putArray("RepoTags");
    image.tags.forEach(tags::add);
    ArrayNode entryLayers = entry.putArray("Layers");
    for (byte[] layer : image.layers) {
      byte[] blob = compress.apply(layer);
      String type = "application/vnd.oci.image.layer.v1.tar" + (compressed ? "+gzip" : "");
      layers.add(descriptor(type, blob));
      files.put("blobs/sha256/" + Digest.of(blob).hex(), blob);
      entryLayers.add("blobs/sha256/" + Digest.of(blob).hex());
    }
    byte[] manifest = Json.write(m);
    files.put("blobs/sha256/" + Digest.of(manifest).hex(), manifest);
    ObjectNode d = descriptor("application/vnd.oci.image.manifest.v1+json", manifest);
    if (!image.tags.isEmpty()) {
      ObjectNode annotations = d.putObject("annotations");
      annotations.put("io.containerd.image.name", image.tags.get(0));
      annotations.put(
          "org.opencontainers.image.ref.name",
          image.tags.get(0).substring(image.tags.get(0).lastIndexOf(':') + 1));
    }
    indexManifests.add(d);
    return entry;
  }

  private static void legacy(ImageSpec image, Map<String, byte[]> files, ObjectNode repositories) {
    ObjectNode config = image.config();
    String parent = "";
    String id = "";
    for (int i = 0; i < image.layers.size(); i++) {
      id =
          Digest.of((parent + i + Digest.of(image.layers.get(i))).getBytes(StandardCharsets.UTF_8))
              .hex();
      ObjectNode json =
          i == image.layers.size() - 1 ? config.deepCopy() : TestJson.MAPPER.createObjectNode();
      json.remove("rootfs");
      json.remove("history");
      json.put("id", id);
      if (!parent.isEmpty()) {
        json.put("parent", parent);
      }
      json.put("created", "2015-01-0" + (i % 9 + 1) + "T00:00:00Z");
      json.putObject("container_config")
          .putArray("Cmd")
          .add("/bin/sh")
          .add("-c")
          .add("step " + (i + 1));
      json.put("Size", image.layers.get(i).length);
      files.put(id + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
      files.put(id + "/json", Json.write(json));
      files.put(id + "/layer.tar", image.layers.get(i));
      parent = id;
    }
    for (String tag : image.tags) {
      int colon = tag.lastIndexOf(':');
      ObjectNode repo =
          repositories.has(tag.substring(0, colon))
              ? (ObjectNode) repositories.get(tag.substring(0, colon))
              : repositories.putObject(tag.substring(0, colon));
      repo.put(tag.substring(colon + 1), id);
    }
  }

  static ObjectNode descriptor(String mediaType, byte[] blob) {
    ObjectNode d = TestJson.MAPPER.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", Digest.of(blob).toString());
    d.put("size", blob.length);
    return d;
  }

  /** An outer tar of regular files, plus symlinks (name → target). */
  public static byte[] tar(Map<String, byte[]> files, Map<String, String> symlinks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
      for (Map.Entry<String, String> l : symlinks.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(l.getKey(), TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(l.getValue());
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The members of an archive (regular files only), for tests that edit archives. */
  public static Map<String, byte[]> members(byte[] archive) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (var in =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new java.io.ByteArrayInputStream(archive))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isFile()) {
          files.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Convenience: {@code List.of(...)} of layer tars. */
  public static List<byte[]> layers(byte[]... layers) {
    return List.of(layers);
  }
}
