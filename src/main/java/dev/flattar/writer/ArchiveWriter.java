package dev.flattar.writer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import dev.flattar.model.Texts;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarHeaderEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a docker-save archive (FORMAT.md section 2): the flattened layer first, streamed straight
 * into the archive while its sha256 is computed (its size is known from the plan), then the config
 * that names that digest, then manifest.json. Members are plain files with fixed metadata, so the
 * same input always gives the same bytes.
 */
public final class ArchiveWriter {
  private static final byte[] ZEROS = new byte[1024];

  private final String version;

  /**
   * @param version written into the history entry ("flat-tar 1.0.0")
   */
  public ArchiveWriter(String version) {
    this.version = version;
  }

  /** Writes the archive; does not close {@code out}. */
  public WrittenImage write(OutputImage image, OutputStream out) throws IOException {
    String layerName = image.sourceId().hex() + "/layer.tar";
    long size = image.plan().layerSize();
    out.write(TarHeaderEncoder.encode(member(layerName, size)));
    ParallelDigestOutputStream layer = new ParallelDigestOutputStream(out);
    Digest diffId;
    try {
      LayerWriter.write(image.plan(), image.layers(), layer);
      diffId = layer.finish();
    } finally {
      layer.abandon();
    }
    if (layer.count() != size) {
      throw new IllegalStateException(
          "wrote " + layer.count() + " layer bytes but planned " + size);
    }
    pad(out, size);

    ObjectNode config =
        ConfigRewriter.rewrite(
            image.sourceConfig(),
            List.of(diffId),
            version + " flatten",
            "flattened " + Texts.count(image.sourceLayers(), "layer") + " of " + image.sourceId());
    byte[] configBytes = Json.write(config);
    Digest id = Digest.of(configBytes);
    String configName = id.hex() + ".json";
    file(out, configName, configBytes);

    ArrayNode manifest = Json.MAPPER.createArrayNode();
    ObjectNode entry = manifest.addObject();
    entry.put("Config", configName);
    if (image.tags().isEmpty()) {
      entry.putNull("RepoTags");
    } else {
      ArrayNode tags = entry.putArray("RepoTags");
      image.tags().forEach(tags::add);
    }
    entry.putArray("Layers").add(layerName);
    file(out, "manifest.json", Json.write(manifest));
    out.write(ZEROS);
    out.flush();
    return new WrittenImage(id, diffId, size, image.tags());
  }

  private static void file(OutputStream out, String name, byte[] bytes) throws IOException {
    out.write(TarHeaderEncoder.encode(member(name, bytes.length)));
    out.write(bytes);
    pad(out, bytes.length);
  }

  private static void pad(OutputStream out, long size) throws IOException {
    out.write(ZEROS, 0, (int) (-size & 511));
  }

  private static TarEntry member(String name, long size) {
    return new TarEntry(
        name, EntryType.FILE, 0644, 0, 0, "", "", 0, 0, "", 0, 0, size, 0, size, null, List.of());
  }
}
