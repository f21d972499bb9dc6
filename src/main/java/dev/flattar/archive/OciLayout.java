package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Json;
import dev.flattar.model.Reporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OCI image layouts ({@code oci-layout}, {@code index.json}, {@code blobs/sha256}): podman, skopeo
 * and buildah oci-archive and {@code oci:} directories, buildkit type=oci, containerd exports. Each
 * entry of {@code index.json} is an image under the names its annotations give: an image index
 * (nested indexes walked down) is one multi-platform image, an image manifest one single-platform
 * image. Artifacts, attestations and platforms whose blobs are absent are listed as skipped.
 */
final class OciLayout {
  static final String INDEX = "index.json";
  private static final int MAX_DEPTH = 8;

  /**
   * Descriptors walked in one archive's indexes, skipped ones included. Real indexes hold a few
   * dozen; nested indexes that list each other many times would otherwise be walked without end.
   */
  static final int MAX_DESCRIPTORS = 10_000;

  private final OuterArchive archive;
  private final Reporter reporter;
  private final IndexNames names;
  private final Map<Digest, Entry> entries = new LinkedHashMap<>();
  private final List<Skipped> skipped = new ArrayList<>();
  private int walked;

  /** One entry of index.json (several when they name the same target): names and platforms. */
  private static final class Entry {
    final List<String> names = new ArrayList<>();
    final List<String> bareTags = new ArrayList<>();
    final List<SourceImage> platforms = new ArrayList<>();
    @Nullable ObjectNode index;
    boolean listedWithPlatform;
  }

  private OciLayout(OuterArchive archive, Reporter reporter) {
    this.archive = archive;
    this.reporter = reporter;
    this.names = new IndexNames(reporter);
  }

  static ArchiveContents read(OuterArchive archive, Reporter reporter)
      throws FlatTarException, IOException {
    OciLayout layout = new OciLayout(archive, reporter);
    String where = archive.label() + ": index.json";
    JsonNode index =
        Json.parse(JsonMembers.read(archive, archive.file(INDEX, "file"), where), where);
    if (!index.isObject()) {
      throw new InvalidImageException(where + " is not a JSON object");
    }
    JsonNode manifests = index.path("manifests");
    for (int i = 0; i < manifests.size(); i++) {
      layout.top(manifests.get(i), where + " manifests[" + i + "]");
    }
    return new ArchiveContents(IndexNames.grouped(layout.images()), layout.skipped);
  }

  /** The images found, each with its names (and its platforms' tags set to them). */
  private List<ArchiveImage> images() {
    List<ArchiveImage> images = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.platforms.isEmpty()) {
        continue;
      }
      List<SourceImage> named = new ArrayList<>();
      e.platforms.forEach(p -> named.add(p.withTags(e.names)));
      images.add(new ArchiveImage(e.names, e.bareTags, named, e.index, e.listedWithPlatform));
    }
    return images;
  }

  /** An entry of index.json: an image (one platform or several) under its names. */
  private void top(JsonNode descriptor, String where) throws FlatTarException, IOException {
    Document doc = document(descriptor, where, 0);
    if (doc == null) {
      return;
    }
    String name = names.of(descriptor.path("annotations"), where);
    Entry entry = entries.get(doc.digest);
    boolean known = entry != null;
    if (entry == null) {
      entry = new Entry();
      entries.put(doc.digest, entry);
    }
    if (name != null) {
      List<String> list = IndexNames.isBareTag(name) ? entry.bareTags : entry.names;
      if (!list.contains(name)) {
        list.add(name);
      }
    }
    if (known) {
      return;
    }
    if (doc.kind == ManifestKind.INDEX) {
      JsonNode annotations = doc.json.path("annotations");
      entry.index = annotations instanceof ObjectNode o && !o.isEmpty() ? o : null;
      platforms(doc.json, doc.where, entry.platforms, 1);
    } else {
      entry.platforms.add(image(descriptor, doc));
      entry.listedWithPlatform = descriptor.path("platform").isObject();
    }
  }

  /** The images an index lists, nested indexes walked down, in order. */
  private void platforms(JsonNode index, String where, List<SourceImage> into, int depth)
      throws FlatTarException, IOException {
    JsonNode manifests = index.path("manifests");
    for (int i = 0; i < manifests.size(); i++) {
      JsonNode descriptor = manifests.get(i);
      String at = where + " manifests[" + i + "]";
      Document doc = document(descriptor, at, depth);
      if (doc != null && doc.kind == ManifestKind.INDEX) {
        platforms(doc.json, doc.where, into, depth + 1);
      } else if (doc != null) {
        into.add(image(descriptor, doc));
      }
    }
  }

  private SourceImage image(JsonNode descriptor, Document doc)
      throws FlatTarException, IOException {
    JsonNode annotations = descriptor.path("annotations");
    JsonNode own = doc.json.path("annotations");
    IndexEntry entry =
        new IndexEntry(
            doc.digest,
            descriptor.path("platform").isObject() ? descriptor.get("platform") : null,
            annotations instanceof ObjectNode a && !a.isEmpty() ? a : null,
            own instanceof ObjectNode o && !o.isEmpty() ? o : null);
    return OciImageReader.read(archive, doc.json, Descriptors.blobPath(doc.digest), entry);
  }

  /** A document an index points at, read and classified. */
  private record Document(Digest digest, JsonNode json, ManifestKind kind, String where) {}

  /**
   * The document {@code descriptor} points at, when it is an image or an index; null (and listed as
   * skipped) when it is absent, an artifact or an attestation.
   */
  private @Nullable Document document(JsonNode descriptor, String where, int depth)
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
    Digest digest = Descriptors.digest(descriptor, where);
    String path = Descriptors.blobPath(digest);
    if (!archive.has(path)) {
      skip(
          Skipped.Kind.ABSENT,
          where,
          descriptor,
          MissingNode.getInstance(),
          "its blob " + digest + " is not here",
          null);
      return null;
    }
    String blobWhere = archive.label() + ": " + path;
    byte[] bytes =
        JsonMembers.readBlob(
            archive,
            archive.file(path, "manifest"),
            digest,
            Descriptors.size(descriptor),
            blobWhere);
    JsonNode json = Json.parse(bytes, blobWhere);
    ManifestKind.Decision decision = ManifestKind.of(descriptor, json);
    switch (decision.kind()) {
      case ATTESTATION -> {
        String subject =
            descriptor.path("annotations").path("vnd.docker.reference.digest").asText();
        skip(Skipped.Kind.ATTESTATION, where, descriptor, json, decision.why(), subject);
        return null;
      }
      case ARTIFACT -> {
        skip(
            Skipped.Kind.ARTIFACT,
            where,
            descriptor,
            json,
            decision.why(),
            json.path("subject").path("digest").asText());
        return null;
      }
      default -> {
        return new Document(digest, json, decision.kind(), blobWhere);
      }
    }
  }

  private void skip(
      Skipped.Kind kind,
      String where,
      JsonNode descriptor,
      JsonNode document,
      String why,
      @Nullable String subject) {
    String what = SkippedText.describe(kind, descriptor, document);
    reporter.verbose("skipping " + where + " (" + what + "): " + why);
    skipped.add(new Skipped(kind, where, what, why, Digest.parseOrNull(subject)));
  }
}
