package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Json;
import dev.flattar.model.Reporter;
import dev.flattar.model.Texts;
import dev.flattar.model.UnsupportedImageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OCI image layouts ({@code oci-layout}, {@code index.json}, {@code blobs/sha256}): podman and
 * skopeo oci-archive, buildkit type=oci. The index is walked down through nested indexes to image
 * manifests; attestation manifests and descriptors whose blobs are absent (other platforms) are
 * skipped.
 */
final class OciLayout {
  static final String INDEX = "index.json";
  private static final int MAX_DEPTH = 8;

  /**
   * Descriptors walked in one archive's indexes, skipped ones included. Real indexes hold a few
   * dozen; nested indexes that list each other many times would otherwise be walked without end.
   */
  static final int MAX_DESCRIPTORS = 10_000;

  private static final String CONTAINERD_NAME = "io.containerd.image.name";
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final OuterArchive archive;
  private final Reporter reporter;
  private final Map<Digest, SourceImage> images = new LinkedHashMap<>();
  private int skipped;
  private int walked;

  private OciLayout(OuterArchive archive, Reporter reporter) {
    this.archive = archive;
    this.reporter = reporter;
  }

  static List<SourceImage> read(OuterArchive archive, Reporter reporter)
      throws FlatTarException, IOException {
    OciLayout layout = new OciLayout(archive, reporter);
    layout.walkIndex();
    if (layout.images.isEmpty()) {
      throw new InvalidImageException(
          archive.label()
              + ": index.json leads to no image manifest in the archive"
              + (layout.skipped > 0
                  ? " (" + layout.skipped + " descriptors have no blob here)"
                  : ""));
    }
    return new ArrayList<>(layout.images.values());
  }

  private void walkIndex() throws FlatTarException, IOException {
    String where = archive.label() + ": index.json";
    JsonNode index =
        Json.parse(JsonMembers.read(archive, archive.file(INDEX, "file"), where), where);
    if (!index.isObject()) {
      throw new InvalidImageException(where + " is not a JSON object");
    }
    walkManifests(index, where, null, 0);
  }

  private void walkManifests(
      JsonNode index, String where, @Nullable String inheritedName, int depth)
      throws FlatTarException, IOException {
    JsonNode manifests = index.path("manifests");
    if (!manifests.isArray()) {
      return;
    }
    for (int i = 0; i < manifests.size(); i++) {
      walk(manifests.get(i), where + " manifests[" + i + "]", inheritedName, depth);
    }
  }

  private void walk(JsonNode descriptor, String where, @Nullable String inheritedName, int depth)
      throws FlatTarException, IOException {
    if (depth > MAX_DEPTH) {
      throw new InvalidImageException(where + ": indexes nested more than " + MAX_DEPTH + " deep");
    }
    if (++walked > MAX_DESCRIPTORS) {
      throw new InvalidImageException(
          where
              + ": the indexes of the archive list more than "
              + MAX_DESCRIPTORS
              + " descriptors (limit "
              + MAX_DESCRIPTORS
              + ")");
    }
    JsonNode annotations = descriptor.path("annotations");
    if ("attestation-manifest".equals(annotations.path("vnd.docker.reference.type").asText())) {
      reporter.verbose("skipping attestation manifest at " + where);
      return;
    }
    String name = nameOf(annotations, where);
    if (name == null) {
      name = inheritedName;
    }
    Digest digest = descriptorDigest(descriptor, where);
    String path = blobPath(digest);
    if (!archive.has(path)) {
      skipped++;
      reporter.verbose("skipping " + where + ": blob " + digest + " is not in the archive");
      return;
    }
    String blobWhere = archive.label() + ": " + path;
    byte[] bytes =
        JsonMembers.readBlob(
            archive, archive.file(path, "manifest"), digest, size(descriptor), blobWhere);
    JsonNode doc = Json.parse(bytes, blobWhere);
    String mediaType = descriptor.path("mediaType").asText(doc.path("mediaType").asText(""));
    boolean isIndex =
        mediaType.endsWith("image.index.v1+json")
            || mediaType.endsWith("manifest.list.v2+json")
            || (mediaType.isEmpty() && doc.has("manifests"));
    if (isIndex) {
      walkManifests(doc, blobWhere, name, depth + 1);
    } else if (doc.has("config") && doc.has("layers")) {
      if ("unknown".equals(descriptor.path("platform").path("os").asText())) {
        reporter.verbose("skipping " + where + ": platform unknown/unknown (an attestation)");
        return;
      }
      if (!images.containsKey(digest)) {
        images.put(digest, image(doc, path, name));
      } else if (name != null) {
        SourceImage seen = images.get(digest);
        List<String> tags = new ArrayList<>(seen.tags());
        if (!tags.contains(name)) {
          tags.add(name);
        }
        images.put(digest, seen.withTags(tags));
      }
    } else {
      reporter.verbose("skipping " + where + ": media type '" + mediaType + "' is not an image");
    }
  }

  /**
   * @param manifestPath the manifest's blob path, for messages
   */
  private SourceImage image(JsonNode manifest, String manifestPath, @Nullable String name)
      throws FlatTarException, IOException {
    String where = archive.label() + ": " + manifestPath;
    JsonNode configDescriptor = manifest.path("config");
    Digest configDigest = descriptorDigest(configDescriptor, where + " config");
    String configPath = blobPath(configDigest);
    String configWhere = archive.label() + ": config " + configPath;
    byte[] configBytes =
        JsonMembers.readBlob(
            archive,
            archive.file(configPath, "config of " + manifestPath),
            configDigest,
            size(configDescriptor),
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
      Digest blob = descriptorDigest(d, where + " layers[" + j + "]");
      String path = blobPath(blob);
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
      layers.add(new LayerRef(archive.label(), j + 1, path, data, diffIds.get(j), blob, size(d)));
    }
    List<String> tags = name == null ? List.of() : List.of(name);
    return new SourceImage(Digest.of(configBytes), config, tags, layers, where);
  }

  /**
   * The name a descriptor gives its image. containerd's annotation holds a full reference; the OCI
   * ref.name is, per the spec, only a tag, though containers/image writes full references there: it
   * is used only when it has the {@code name:tag} shape.
   */
  private @Nullable String nameOf(JsonNode annotations, String where) {
    String full = annotations.path(CONTAINERD_NAME).asText(null);
    if (full != null && !full.isEmpty()) {
      return full;
    }
    String ref = annotations.path(REF_NAME).asText(null);
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    if (ref.contains(":")) {
      return ref;
    }
    reporter.warn(
        "ignoring image name '"
            + ref
            + "' at "
            + where
            + ": it is a bare tag, not a name:tag reference (use --tag to name the output)");
    return null;
  }

  private static Digest descriptorDigest(JsonNode descriptor, String where)
      throws InvalidImageException {
    JsonNode digest = descriptor.path("digest");
    Digest d = Digest.parseOrNull(digest.isTextual() ? digest.asText() : null);
    if (d == null) {
      throw new InvalidImageException(
          where + ": descriptor digest " + digest + " is not a sha256 digest");
    }
    return d;
  }

  private static long size(JsonNode descriptor) {
    JsonNode size = descriptor.path("size");
    return size.canConvertToLong() && size.asLong() >= 0 ? size.asLong() : -1;
  }

  static String blobPath(Digest digest) {
    return "blobs/sha256/" + digest.hex();
  }

  /** Names the OCI index gives each image id, for archives whose manifest.json has none. */
  static Map<Digest, List<String>> namesById(OuterArchive archive) {
    Map<Digest, List<String>> names = new LinkedHashMap<>();
    try {
      for (SourceImage image : read(archive, Reporter.SILENT)) {
        names.put(image.id(), image.tags());
      }
    } catch (FlatTarException | IOException | RuntimeException e) {
      // Names are a courtesy here; manifest.json alone describes the image.
    }
    return names;
  }
}
