package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** skopeo: copies between transports, verifying every blob's digest and size on the way. */
final class Skopeo {
  private Skopeo() {}

  /**
   * {@code skopeo copy SRC DST}. {@code --insecure-policy}: only local files are copied, and the
   * host's signature policy is not what is under test.
   */
  static void copy(String source, String destination) {
    tryCopy(source, destination).orFail();
  }

  /** {@code skopeo copy SRC DST}; the result says whether skopeo accepted the source. */
  static Cmd.Result tryCopy(String source, String destination) {
    return Cmd.run(List.of("skopeo", "--insecure-policy", "copy", "--quiet", source, destination));
  }

  /**
   * Copies a docker-save archive to a {@code dir:} layout (which makes skopeo check the config and
   * every layer against their digests) and returns the manifest it wrote.
   */
  static JsonNode copyToDir(Path dockerArchive, Path dir) {
    copy("docker-archive:" + dockerArchive, "dir:" + dir);
    try {
      return TestJson.MAPPER.readTree(dir.resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new AssertionError("skopeo wrote no readable manifest.json in " + dir, e);
    }
  }

  /** The layer digests a manifest lists. */
  static List<String> layerDigests(JsonNode manifest) {
    return manifest.path("layers").findValuesAsText("digest");
  }
}
