package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.FlatArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Everything the tier proves about one input: flat-tar flattens it; the output passes Docker's own
 * loader rules, skopeo's digest checks and keeps the config; and podman and containerd, once they
 * have loaded the output, show exactly the tree a real engine shows for the original image.
 */
final class InteropCheck {
  private InteropCheck() {}

  static void verify(Engines engines, InteropCase c) {
    long started = System.nanoTime();
    long unpackedSince = System.currentTimeMillis() / 1000;
    String label = c.toString();
    Path work = engines.workDir(label);
    try {
      Path out = work.resolve("flat.tar");
      BuiltJar.flatten(engines.jar, c.archive(), c.imageId(), out);
      // Docker's loader rules that podman and containerd do not enforce: non-empty history entries
      // match the diff_ids, every RepoTag parses as name:tag; and exactly one layer.
      FlatArchive flat = FlatArchive.read(out);
      String configName = flat.manifest.get(0).get("Config").asText();
      String flatId = configName.substring(0, configName.length() - ".json".length());
      SourceArchive src = SourceArchive.read(c.archive());
      OriginalImage image = src.image(c.imageId());
      Tree original = OriginalView.of(engines, src, image, work);
      assertAll(
          label,
          () ->
              assertThat(ConfigCheck.differences(image, flat.config))
                  .as("config of the flattened image vs the original's")
                  .isEmpty(),
          () -> skopeoAccepts(out, flatId, work.resolve("skopeo-dir")),
          () -> {
            Tree podman = PodmanFlatView.of(engines.podman, out, flatId);
            assertThat(podman.size())
                .as("paths podman shows vs paths in the flattened layer")
                .isEqualTo(paths(flat.layer));
            TreeDiff.assertSame(label, original, podman, unpackedSince);
          },
          () ->
              ContainerdCheck.view(engines.containerd, out, flat.config, src, work)
                  .ifPresent(view -> TreeDiff.assertSame(label, original, view, unpackedSince)),
          () -> {
            if (c.expectedTsv() != null) {
              // Anchors the walk: podman's view of the original is the overlayfs view recorded
              // when the image was built.
              Tree recorded = TreeWalk.read(c.expectedTsv(), c.expectedTsv().toString());
              TreeDiff.assertSame(label, recorded, original, unpackedSince);
            }
          });
      assertThat(engines.podman.images()).as("images left in the podman store").isEmpty();
      System.err.printf(
          "interop: %s ok: %d paths, %s, %.1f s%n",
          label, original.size(), original.source(), (System.nanoTime() - started) / 1e9);
    } finally {
      Cmd.removeTree(work);
    }
  }

  private static void skopeoAccepts(Path out, String flatId, Path dir) {
    JsonNode manifest = Skopeo.copyToDir(out, dir);
    assertThat(Skopeo.layerDigests(manifest)).as("layers skopeo copied").hasSize(1);
    assertThat(manifest.path("config").path("digest").asText())
        .as("config digest skopeo copied")
        .isEqualTo("sha256:" + flatId);
  }

  /**
   * How many paths a view of the flattened layer must show: its entries plus the parents that no
   * entry declares (the unpacker creates those), not counting the root.
   */
  static int paths(byte[] layer) {
    Set<String> paths = new HashSet<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(layer), "ISO-8859-1")) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        for (String p = SourceArchive.clean(e.getName()); !p.isEmpty() && !p.equals("."); ) {
          paths.add(p);
          int slash = p.lastIndexOf('/');
          p = slash < 0 ? "" : p.substring(0, slash);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return paths.size();
  }
}
