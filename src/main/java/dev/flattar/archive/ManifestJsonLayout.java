package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Json;
import dev.flattar.model.Texts;
import dev.flattar.model.UnsupportedImageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Archives with a {@code manifest.json}: docker save 1.10 and later (with v1 directories or an OCI
 * layout beside it), podman/skopeo docker-archive, crane, kaniko, jib (lower-case keys), Bazel.
 */
final class ManifestJsonLayout {
  static final String MANIFEST = "manifest.json";
  private static final Pattern BLOB_PATH = Pattern.compile("blobs/sha256/([0-9a-f]{64})");

  private ManifestJsonLayout() {}

  static List<SourceImage> read(OuterArchive archive) throws FlatTarException, IOException {
    String where = archive.label() + ": manifest.json";
    JsonNode manifest =
        Json.parse(JsonMembers.read(archive, archive.file(MANIFEST, "file"), where), where);
    if (manifest.isNull()) {
      throw new InvalidImageException(where + " is null: the archive describes no image");
    }
    if (!manifest.isArray()) {
      throw new InvalidImageException(where + " is not a JSON array");
    }
    if (manifest.isEmpty()) {
      throw new InvalidImageException(where + " lists no images");
    }
    List<SourceImage> images = new ArrayList<>();
    for (int i = 0; i < manifest.size(); i++) {
      images.add(image(archive, manifest.get(i), "manifest.json entry " + (i + 1)));
    }
    return images;
  }

  /**
   * @param name names the entry in messages ("manifest.json entry 2"); the archive's label is added
   */
  private static SourceImage image(OuterArchive archive, JsonNode entry, String name)
      throws FlatTarException, IOException {
    String where = archive.label() + ": " + name;
    if (!entry.isObject()) {
      throw new InvalidImageException(where + " is not a JSON object");
    }
    JsonNode configPath = JsonMembers.field(entry, "Config");
    if (configPath == null || !configPath.isTextual()) {
      throw new InvalidImageException(where + " has no Config path");
    }
    String configWhere = archive.label() + ": config " + configPath.asText();
    FileSlice configSlice = archive.file(configPath.asText(), "config of " + name);
    Digest named = blobDigest(configPath.asText());
    byte[] configBytes =
        named == null
            ? JsonMembers.read(archive, configSlice, configWhere)
            : JsonMembers.readBlob(archive, configSlice, named, -1, configWhere);
    ObjectNode config = JsonMembers.config(configBytes, configWhere);

    List<String> layerPaths =
        JsonMembers.strings(JsonMembers.field(entry, "Layers"), where + " Layers");
    List<Digest> diffIds = JsonMembers.diffIds(config, configWhere);
    if (diffIds.size() != layerPaths.size()) {
      throw new InvalidImageException(
          where
              + " lists "
              + Texts.count(layerPaths.size(), "layer")
              + " but the config's rootfs.diff_ids has "
              + diffIds.size());
    }
    JsonNode sources = entry.path("LayerSources");
    List<LayerRef> layers = new ArrayList<>();
    for (int j = 0; j < layerPaths.size(); j++) {
      String path = layerPaths.get(j);
      Digest diffId = diffIds.get(j);
      if (!archive.has(path)) {
        JsonNode source = sources.path(diffId.toString());
        if (source.path("mediaType").asText("").contains("foreign")) {
          throw new UnsupportedImageException(
              where
                  + ": layer "
                  + (j + 1)
                  + " ("
                  + diffId.shortHex()
                  + ") is a foreign layer"
                  + " whose blob is not in the archive (it lives at "
                  + source.path("urls")
                  + "); it cannot be flattened offline");
        }
      }
      FileSlice data = archive.file(path, "layer " + (j + 1) + " of " + name);
      layers.add(new LayerRef(archive.label(), j + 1, path, data, diffId, blobDigest(path), -1));
    }
    List<String> tags =
        JsonMembers.strings(JsonMembers.field(entry, "RepoTags"), where + " RepoTags");
    return new SourceImage(Digest.of(configBytes), config, tags, layers, where);
  }

  /** The digest a {@code blobs/sha256/<hex>} path promises, or null for other names. */
  private static @Nullable Digest blobDigest(String path) {
    String clean = path.startsWith("./") ? path.substring(2) : path;
    Matcher m = BLOB_PATH.matcher(clean);
    return m.matches() ? new Digest(m.group(1)) : null;
  }
}
