package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.testing.TestJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * An original (input) archive as the loaders index it: its layout and the images it holds, each
 * with the id a loader gives it (sha256 of its config bytes) and its config. Read with
 * commons-compress, independently of flat-tar's reader; only members up to 4 MiB (podman's config
 * limit) are kept in memory, which covers every manifest, index and config.
 */
final class SourceArchive {
  /** How the archive names its images (FORMAT.md section 1). */
  enum Layout {
    /** manifest.json (docker save 1.10+, podman docker-archive, crane, Docker 25+ with OCI). */
    MANIFEST,
    /** index.json only (podman/skopeo oci-archive, buildkit type=oci). */
    OCI,
    /** repositories + parent chain of {@code <id>/json} (docker save before 1.10). */
    LEGACY
  }

  static final int MAX_MEMBER = 4 << 20;

  final Path path;
  final Layout layout;
  final List<OriginalImage> images;
  private final Map<String, byte[]> files;
  private final Map<String, String> symlinks;

  private SourceArchive(Path path, Map<String, byte[]> files, Map<String, String> symlinks) {
    this.path = path;
    this.files = files;
    this.symlinks = symlinks;
    if (files.containsKey("manifest.json")) {
      this.layout = Layout.MANIFEST;
      this.images = manifestImages();
    } else if (files.containsKey("index.json")) {
      this.layout = Layout.OCI;
      this.images = ociImages();
    } else if (files.containsKey("repositories")) {
      this.layout = Layout.LEGACY;
      this.images = List.of(LegacyAsOci.image(this));
    } else {
      throw new AssertionError(path + ": neither manifest.json, index.json nor repositories");
    }
  }

  static SourceArchive read(Path archive) {
    Map<String, byte[]> files = new HashMap<>();
    Map<String, String> symlinks = new HashMap<>();
    try (TarArchiveInputStream in = open(archive)) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        String name = clean(e.getName());
        if (e.isSymbolicLink()) {
          symlinks.put(name, e.getLinkName());
        } else if (e.isFile() && e.getSize() <= MAX_MEMBER) {
          files.put(name, in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read original archive " + archive, e);
    }
    return new SourceArchive(archive, files, symlinks);
  }

  /**
   * The archive's tar stream; an archive compressed as a whole (gzip, bzip2, xz, zstd, as {@code
   * docker load} accepts) is decompressed, detected by magic bytes.
   */
  private static TarArchiveInputStream open(Path archive) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
    try {
      String format = CompressorStreamFactory.detect(raw);
      raw =
          new BufferedInputStream(
              new CompressorStreamFactory().createCompressorInputStream(format, raw));
    } catch (CompressorException notCompressed) {
      // a plain tar
    }
    return new TarArchiveInputStream(raw);
  }

  /** The image with this id (hex or sha256:hex), or the only one when {@code id} is null. */
  OriginalImage image(String id) {
    if (id == null) {
      if (images.size() != 1) {
        throw new AssertionError(path + " holds " + images.size() + " images; choose one by id");
      }
      return images.get(0);
    }
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return images.stream()
        .filter(i -> i.id().equals(hex))
        .findFirst()
        .orElseThrow(() -> new AssertionError(path + " has no image " + id));
  }

  /** A member's bytes, following symlinks inside the archive ({@code <id>/layer.tar -> ..}). */
  byte[] member(String name) {
    byte[] bytes = files.get(resolve(name));
    if (bytes == null) {
      throw new AssertionError(path + ": member " + name + " not found (or over 4 MiB)");
    }
    return bytes;
  }

  /** Streams a member of any size to {@code dest}, following symlinks inside the archive. */
  void copyMember(String name, Path dest) {
    String wanted = resolve(name);
    try (TarArchiveInputStream in = open(path)) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isFile() && clean(e.getName()).equals(wanted)) {
          Files.copy(in, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from " + path, e);
    }
    throw new AssertionError(path + ": member " + name + " not found");
  }

  /** The regular member a name leads to after following archive-internal symlinks. */
  private String resolve(String name) {
    String n = clean(name);
    for (int hops = 0; hops < 16; hops++) {
      String target = symlinks.get(n);
      if (target == null) {
        return n;
      }
      int slash = n.lastIndexOf('/');
      n = normalize((slash < 0 ? "" : n.substring(0, slash + 1)) + target);
    }
    throw new AssertionError(path + ": symlink loop at " + name);
  }

  JsonNode json(String name) {
    try {
      return TestJson.MAPPER.readTree(member(name));
    } catch (IOException e) {
      throw new AssertionError(path + ": " + name + " is not JSON: " + e.getMessage(), e);
    }
  }

  private List<OriginalImage> manifestImages() {
    List<OriginalImage> out = new ArrayList<>();
    JsonNode manifest = json("manifest.json");
    for (int i = 0; i < manifest.size(); i++) {
      JsonNode entry = manifest.get(i);
      String configName = field(entry, "Config").asText();
      byte[] config = member(configName);
      out.add(
          new OriginalImage(
              OriginalImage.sha256(config),
              i,
              parseConfig(config, configName),
              true,
              field(entry, "Layers").size()));
    }
    return List.copyOf(out);
  }

  private List<OriginalImage> ociImages() {
    List<OriginalImage> out = new ArrayList<>();
    collectOci(json("index.json"), out);
    return List.copyOf(out);
  }

  private void collectOci(JsonNode index, List<OriginalImage> out) {
    for (JsonNode d : index.path("manifests")) {
      String blob = "blobs/" + d.get("digest").asText().replace(':', '/');
      boolean attestation =
          "attestation-manifest"
              .equals(d.path("annotations").path("vnd.docker.reference.type").asText());
      if (attestation || !files.containsKey(blob)) {
        continue; // loaders skip attestations and platforms whose blobs are absent
      }
      JsonNode m = json(blob);
      if (m.has("manifests")) {
        collectOci(m, out);
        continue;
      }
      String configDigest = m.get("config").get("digest").asText();
      byte[] config = member("blobs/" + configDigest.replace(':', '/'));
      out.add(
          new OriginalImage(
              OriginalImage.sha256(config),
              out.size(),
              parseConfig(config, configDigest),
              true,
              m.path("layers").size()));
    }
  }

  private ObjectNode parseConfig(byte[] bytes, String name) {
    try {
      return (ObjectNode) TestJson.MAPPER.readTree(bytes);
    } catch (IOException | ClassCastException e) {
      throw new AssertionError(path + ": config " + name + " is not a JSON object", e);
    }
  }

  /** jib writes lower-case keys ({@code config}, {@code layers}). */
  private JsonNode field(JsonNode entry, String name) {
    JsonNode v = entry.get(name);
    if (v == null) {
      v = entry.get(Character.toLowerCase(name.charAt(0)) + name.substring(1));
    }
    if (v == null) {
      throw new AssertionError(path + ": manifest.json entry without " + name + ": " + entry);
    }
    return v;
  }

  static String clean(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.startsWith("./") ? n.substring(2) : n.substring(1);
    }
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private static String normalize(String joined) {
    List<String> parts = new ArrayList<>();
    for (String p : joined.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }
}
