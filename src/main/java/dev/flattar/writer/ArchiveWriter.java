package dev.flattar.writer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import dev.flattar.model.MediaTypes;
import dev.flattar.model.OutputFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes flattened images as one archive (README, "What it writes"): per image its members ({@link
 * ImageMembers}); per multi-platform image, the image index over its platforms; then manifest.json
 * and/or the OCI index. Members are plain files with fixed metadata, so the same input always gives
 * the same bytes.
 */
public final class ArchiveWriter {
  private final WriterSettings settings;
  private final OutputFormat format;

  /**
   * @param settings how to write, its format resolved (never {@link OutputFormat#AUTO})
   */
  public ArchiveWriter(WriterSettings settings) {
    if (settings.format() == OutputFormat.AUTO) {
      throw new IllegalArgumentException("resolve the format before writing");
    }
    this.settings = settings;
    this.format = settings.format();
  }

  /** Writes the archive; does not close the sink's stream. One result per image, in order. */
  public List<WrittenImage> write(List<OutputGroup> groups, ArchiveSink sink) throws IOException {
    return write(groups, Members.tar(sink, settings.tempDir()));
  }

  /** Writes the output's members (an archive's, or a layout directory's); one result per image. */
  public List<WrittenImage> write(List<OutputGroup> groups, Members members) throws IOException {
    long total = 0;
    for (OutputGroup group : groups) {
      for (OutputImage image : group.images()) {
        total += image.plan().layerSize();
      }
    }
    settings.progress().phase("writing", total);
    ImageMembers images = new ImageMembers(settings, format, members);
    ArrayNode manifestJson = Json.array();
    ArrayNode index = Json.array();
    List<WrittenImage> written = new ArrayList<>();
    for (OutputGroup group : groups) {
      List<ImageMembers.Written> platforms = new ArrayList<>();
      for (OutputImage image : group.images()) {
        ImageMembers.Written w = images.write(image, group.tags());
        platforms.add(w);
        written.add(w.image());
      }
      if (format.oci()) {
        addToIndex(index, group, platforms, members);
      }
      if (format.docker()) {
        ImageMembers.Written listed = platforms.get(group.dockerImage());
        ObjectNode entry = manifestJson.addObject();
        entry.put("Config", listed.configName());
        if (group.tags().isEmpty()) {
          entry.putNull("RepoTags");
        } else {
          ArrayNode tags = entry.putArray("RepoTags");
          group.tags().forEach(tags::add);
        }
        ArrayNode layers = entry.putArray("Layers");
        listed.layerNames().forEach(layers::add);
      }
    }
    if (format.oci()) {
      members.file("oci-layout", OciDocuments.LAYOUT);
      members.file("index.json", Json.write(OciDocuments.index(index)));
    }
    if (format.docker()) {
      members.file("manifest.json", Json.write(manifestJson));
    }
    members.finish();
    return written;
  }

  /** index.json's entries for one image: its manifest, or the index over its platforms. */
  private static void addToIndex(
      ArrayNode index, OutputGroup group, List<ImageMembers.Written> platforms, Members members)
      throws IOException {
    if (platforms.size() == 1) {
      ImageMembers.Written only = platforms.get(0);
      OciDocuments.addToIndex(
          index,
          MediaTypes.OCI_MANIFEST,
          manifestOf(only),
          only.manifestSize(),
          group.tags(),
          group.bareTags());
      return;
    }
    List<ObjectNode> listed = new ArrayList<>();
    for (int i = 0; i < platforms.size(); i++) {
      Listing listing = group.images().get(i).listing();
      ImageMembers.Written w = platforms.get(i);
      listed.add(
          OciDocuments.listed(
              manifestOf(w),
              w.manifestSize(),
              listing == null ? new Listing(null, null, null) : listing));
    }
    byte[] platformIndex = OciDocuments.platformIndex(listed, group.index());
    Digest digest = Digest.of(platformIndex);
    if (!members.has(ImageMembers.blobName(digest))) {
      members.file(ImageMembers.blobName(digest), platformIndex);
    }
    OciDocuments.addToIndex(
        index, MediaTypes.OCI_INDEX, digest, platformIndex.length, group.tags(), group.bareTags());
  }

  private static Digest manifestOf(ImageMembers.Written w) {
    Digest manifest = w.manifest();
    if (manifest == null) {
      throw new IllegalStateException("an OCI layout is written without manifests");
    }
    return manifest;
  }
}
