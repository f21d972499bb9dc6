package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.Archives;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What Docker Engine 20.10 reads of flat-tar's outputs, and what it says of the rest. */
final class DockerFormats {
  /**
   * {@code docker load} of an archive with a zstd layer: 20.10's layer decompression knows gzip,
   * bzip2 and xz only, so the zstd bytes go to its tar reader as they are, which then says {@code
   * archive/tar: invalid tar header} or, for a layer that compresses below one tar block, {@code
   * unexpected EOF}.
   */
  static final String ZSTD_REFUSED = "Error processing tar file(exit status 1): ";

  /**
   * {@code docker load} of an OCI layout without manifest.json: 20.10 then takes the archive for
   * the pre-1.10 layout and looks for {@code <dir>/json} in each directory.
   */
  static final String OCI_REFUSED = "blobs/json: no such file or directory";

  private DockerFormats() {}

  /** "none", "gzip" or "zstd": how the top layer of a docker-format archive is stored. */
  static String layerCompression(Path archive) {
    try {
      Map<String, byte[]> members = Archives.members(Files.readAllBytes(archive));
      JsonNode layers = TestJson.MAPPER.readTree(members.get("manifest.json")).get(0).get("Layers");
      byte[] top = members.get(layers.get(layers.size() - 1).asText());
      if ((top[0] & 0xff) == 0x1f && (top[1] & 0xff) == 0x8b) {
        return "gzip";
      }
      if ((top[0] & 0xff) == 0x28 && (top[1] & 0xff) == 0xb5 && (top[2] & 0xff) == 0x2f) {
        return "zstd";
      }
      return "none";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
