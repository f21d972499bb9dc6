package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Texts;
import dev.flattar.model.UnsupportedImageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An OCI (or Docker schema 2) image manifest of a layout, read into a {@link SourceImage}. */
final class OciImageReader {
  private OciImageReader() {}

  /**
   * @param manifestPath the manifest's blob path, for messages
   * @param entry how the index listed it
   */
  static SourceImage read(
      OuterArchive archive, JsonNode manifest, String manifestPath, IndexEntry entry)
      throws FlatTarException, IOException {
    String where = archive.label() + ": " + manifestPath;
    JsonNode configDescriptor = manifest.path("config");
    Digest configDigest = Descriptors.digest(configDescriptor, where + " config");
    String configPath = Descriptors.blobPath(configDigest);
    String configWhere = archive.label() + ": config " + configPath;
    byte[] configBytes =
        JsonMembers.readBlob(
            archive,
            archive.file(configPath, "config of " + manifestPath),
            configDigest,
            Descriptors.size(configDescriptor),
            configWhere);
    ObjectNode config = JsonMembers.config(configBytes, configWhere);
    List<Digest> diffIds = JsonMembers.diffIds(config, configWhere);
    JsonNode layerDescriptors = manifest.path("layers");
    if (!layerDescriptors.isArray()) {
      throw new InvalidImageException(where + ": layers is not an array");
    }
    if (diffIds.size() != layerDescriptors.size()) {
      throw new InvalidImageException(
          where
              + " lists "
              + Texts.count(layerDescriptors.size(), "layer")
              + " but the config's rootfs.diff_ids has "
              + diffIds.size());
    }
    List<LayerRef> layers = new ArrayList<>();
    for (int j = 0; j < layerDescriptors.size(); j++) {
      JsonNode d = layerDescriptors.get(j);
      Digest blob = Descriptors.digest(d, where + " layers[" + j + "]");
      String path = Descriptors.blobPath(blob);
      if (!archive.has(path)
          && d.path("mediaType").asText("").matches(".*(foreign|nondistributable).*")) {
        throw new UnsupportedImageException(
            where
                + ": layer "
                + (j + 1)
                + " ("
                + blob.shortHex()
                + ") is a foreign layer whose"
                + " blob is not in the archive; it cannot be flattened offline");
      }
      FileSlice data = archive.file(path, "layer " + (j + 1) + " of " + manifestPath);
      layers.add(
          new LayerRef(
              archive.label(), j + 1, path, data, diffIds.get(j), blob, Descriptors.size(d)));
    }
    return new SourceImage(Digest.of(configBytes), config, List.of(), layers, where, entry);
  }
}
