package dev.flattar.writer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes flattened images as one archive (README, "What it writes"): per image its kept base
 * layers, its new layer (streamed straight into the archive while it is hashed), its config; then
 * manifest.json and/or the OCI index. Members are plain files with fixed metadata, so the same
 * input always gives the same bytes.
 */
public final class ArchiveWriter {
  private final WriterSettings settings;

  public ArchiveWriter(WriterSettings settings) {
    this.settings = settings;
  }

  /** Writes the archive; does not close the sink's stream. */
  public List<WrittenImage> write(List<OutputImage> images, ArchiveSink sink) throws IOException {
    TarMembers members = new TarMembers(sink, settings.tempDir());
    long total = 0;
    for (OutputImage image : images) {
      total += image.plan().layerSize();
    }
    settings.progress().phase("writing", total);
    OutputFormat format = settings.format();
    ArrayNode manifestJson = Json.MAPPER.createArrayNode();
    ArrayNode index = Json.MAPPER.createArrayNode();
    List<WrittenImage> written = new ArrayList<>();
    for (OutputImage image : images) {
      List<String> layerNames = new ArrayList<>();
      List<ObjectNode> descriptors = new ArrayList<>();
      List<Digest> diffIds = new ArrayList<>();
      for (KeptLayer kept : image.kept()) {
        String name = format.oci() ? blobName(kept.digest()) : kept.diffId().hex() + "/layer.tar";
        if (!members.has(name)) {
          members.known(name, kept.size(), out -> copy(kept, out));
        }
        layerNames.add(name);
        descriptors.add(OciDocuments.descriptor(kept.mediaType(), kept.digest(), kept.size()));
        diffIds.add(kept.diffId());
      }
      LayerBlob layer = newLayer(image, members);
      layerNames.add(format.oci() ? blobName(layer.digest()) : dockerLayerName(image));
      descriptors.add(OciDocuments.descriptor(layer.mediaType(), layer.digest(), layer.size()));
      diffIds.add(layer.diffId());

      ObjectNode config =
          ConfigRewriter.rewrite(
              image.sourceConfig(),
              diffIds,
              image.kept().size(),
              settings.product() + " flatten",
              comment(image),
              settings.created());
      byte[] configBytes = Json.write(config);
      Digest id = Digest.of(configBytes);
      String configName = format.oci() ? blobName(id) : id.hex() + ".json";
      if (!members.has(configName)) {
        members.file(configName, configBytes); // two images may flatten to the same one
      }

      if (format.oci()) {
        byte[] manifest = OciDocuments.manifest(id, configBytes.length, descriptors);
        Digest manifestDigest = Digest.of(manifest);
        if (!members.has(blobName(manifestDigest))) {
          members.file(blobName(manifestDigest), manifest);
        }
        OciDocuments.addToIndex(index, manifestDigest, manifest.length, image.tags());
      }
      ObjectNode entry = manifestJson.addObject();
      entry.put("Config", configName);
      if (image.tags().isEmpty()) {
        entry.putNull("RepoTags");
      } else {
        ArrayNode tags = entry.putArray("RepoTags");
        image.tags().forEach(tags::add);
      }
      ArrayNode layers = entry.putArray("Layers");
      layerNames.forEach(layers::add);
      written.add(new WrittenImage(id, layer, image.tags()));
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

  private LayerBlob newLayer(OutputImage image, TarMembers members) throws IOException {
    OutputCompression compression = settings.compression();
    TarMembers.Producer<LayerBlob> producer =
        out ->
            LayerBlobWriter.write(
                image.plan(), image.layers(), compression, out, settings.progress());
    if (!settings.format().oci() && compression.kind() == OutputCompression.Kind.NONE) {
      return members.known(dockerLayerName(image), image.plan().layerSize(), producer);
    }
    return members.named(
        blob -> settings.format().oci() ? blobName(blob.digest()) : dockerLayerName(image),
        producer);
  }

  private String dockerLayerName(OutputImage image) {
    return image.sourceId().hex() + "/" + settings.compression().layerFileName();
  }

  private static String comment(OutputImage image) {
    int squashed = image.sourceLayers() - image.kept().size();
    String what = "flattened " + Texts.count(squashed, "layer") + " of " + image.sourceId();
    return image.kept().isEmpty()
        ? what
        : what + " onto " + Texts.count(image.kept().size(), "kept base layer");
  }

  private static KeptLayer copy(KeptLayer kept, OutputStream out) throws IOException {
    try (InputStream in = kept.bytes().open()) {
      in.transferTo(out);
    }
    return kept;
  }

  static String blobName(Digest digest) {
    return "blobs/sha256/" + digest.hex();
  }
}
