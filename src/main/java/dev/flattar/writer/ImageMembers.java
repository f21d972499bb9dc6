package dev.flattar.writer;

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
import org.jspecify.annotations.Nullable;

/**
 * Writes one flattened image's members: its kept base layers, its new layer (streamed straight into
 * the archive while it is hashed), its config and, for an OCI layout, its manifest.
 */
final class ImageMembers {
  private final WriterSettings settings;
  private final OutputFormat format;
  private final Members members;

  /**
   * What was written for one image.
   *
   * @param layerNames the members of its layers, oldest first (manifest.json's Layers)
   * @param configName the member of its config
   * @param manifest its OCI manifest's digest and size, or null for the docker format alone
   */
  record Written(
      WrittenImage image,
      List<String> layerNames,
      String configName,
      @Nullable Digest manifest,
      long manifestSize) {}

  ImageMembers(WriterSettings settings, OutputFormat format, Members members) {
    this.settings = settings;
    this.format = format;
    this.members = members;
  }

  Written write(OutputImage image, List<String> tags) throws IOException {
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
    LayerBlob layer = newLayer(image);
    layerNames.add(format.oci() ? blobName(layer.digest()) : dockerLayerName(image));
    descriptors.add(OciDocuments.descriptor(layer.mediaType(), layer.digest(), layer.size()));
    diffIds.add(layer.diffId());

    ObjectNode config =
        ConfigRewriter.rewrite(
            image.sourceConfig(),
            diffIds,
            image.kept().size(),
            settings.product() + " flatten",
            comment(image, settings.configChanges()),
            settings.created());
    byte[] configBytes = Json.write(config);
    Digest id = Digest.of(configBytes);
    String configName = format.oci() ? blobName(id) : id.hex() + ".json";
    if (!members.has(configName)) {
      members.file(configName, configBytes); // two images may flatten to the same one
    }
    Digest manifestDigest = null;
    long manifestSize = 0;
    if (format.oci()) {
      Listing listing = image.listing();
      byte[] manifest =
          OciDocuments.manifest(
              id,
              configBytes.length,
              descriptors,
              listing == null ? null : listing.manifestAnnotations());
      manifestDigest = Digest.of(manifest);
      manifestSize = manifest.length;
      if (!members.has(blobName(manifestDigest))) {
        members.file(blobName(manifestDigest), manifest);
      }
    }
    return new Written(
        new WrittenImage(id, layer, tags), layerNames, configName, manifestDigest, manifestSize);
  }

  private LayerBlob newLayer(OutputImage image) throws IOException {
    OutputCompression compression = settings.compression();
    Members.Producer<LayerBlob> producer =
        out ->
            LayerBlobWriter.write(
                image.plan(), image.layers(), compression, out, settings.progress());
    if (!format.oci() && compression.kind() == OutputCompression.Kind.NONE) {
      return members.known(dockerLayerName(image), image.plan().layerSize(), producer);
    }
    return members.named(
        blob -> format.oci() ? blobName(blob.digest()) : dockerLayerName(image), producer);
  }

  private String dockerLayerName(OutputImage image) {
    return image.sourceId().hex() + "/" + settings.compression().layerFileName();
  }

  /** What the new history entry says: what was flattened, and what in the config changed. */
  private static String comment(OutputImage image, @Nullable String configChanges) {
    int squashed = image.sourceLayers() - image.kept().size();
    String what = "flattened " + Texts.count(squashed, "layer") + " of " + image.sourceId();
    if (!image.kept().isEmpty()) {
      what += " onto " + Texts.count(image.kept().size(), "kept base layer");
    }
    return configChanges == null ? what : what + "; config changed: " + configChanges;
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
