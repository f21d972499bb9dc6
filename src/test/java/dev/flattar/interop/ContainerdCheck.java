package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The second loader, as Docker 29 uses it: {@code ctr images import} of the flattened archive into
 * the private containerd (unpacked with the overlayfs snapshotter, which checks the layer against
 * its diff_id), then the tree {@code ctr images mount} shows, which {@link InteropCheck} compares
 * with the original's.
 *
 * <p>One exception, which is the input's and not flat-tar's: containerd derives the manifest's
 * platform from the config, and a config without {@code architecture} matches no platform, so
 * containerd can neither import-and-unpack nor mount it ("image might be filtered out"). flat-tar
 * keeps the config as it is, so for such an image the check is that containerd refuses the original
 * archive in exactly the same way.
 */
final class ContainerdCheck {
  private static final AtomicInteger IMPORTS = new AtomicInteger();

  private ContainerdCheck() {}

  /**
   * containerd's view of the flattened image, or empty when containerd refuses the flattened image
   * and the original alike because their config names no platform.
   */
  static Optional<Tree> view(
      Containerd ctr, Path flat, JsonNode flatConfig, SourceArchive src, Path work) {
    String platform = Containerd.platformOf(flatConfig);
    String name = "flattar-interop/flat:n" + IMPORTS.incrementAndGet();
    Path target = work.resolve("containerd-mount");
    try {
      Cmd.Result imported = ctr.importArchive(flat, name, platform);
      if (!imported.ok() && platform == null) {
        refusesTheOriginalToo(ctr, src, imported, name);
        return Optional.empty();
      }
      imported.orFail();
      Files.createDirectories(target);
      ctr.mount(name, platform, target);
      try {
        return Optional.of(TreeWalk.walk(target, "containerd view of the flattened image"));
      } finally {
        ctr.unmount(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ctr.removeImages();
    }
  }

  private static void refusesTheOriginalToo(
      Containerd ctr, SourceArchive src, Cmd.Result flatRefused, String name) {
    Cmd.Result original = ctr.importArchive(src.path, name + "-original", null);
    assertThat(original.ok())
        .as(
            "containerd refuses the flattened image (%s) but imports the original",
            flatRefused.describe())
        .isFalse();
    assertThat(ctrError(original))
        .as("containerd's refusal of the original vs of the flattened image")
        .isNotEmpty()
        .isEqualTo(ctrError(flatRefused));
    System.err.println(
        "interop: "
            + src.path.getFileName()
            + ": config names no platform; containerd refuses the original and the flattened"
            + " image alike: "
            + ctrError(flatRefused));
  }

  /** ctr's own error lines ("ctr: ..."), without the daemon's timestamped log lines. */
  private static List<String> ctrError(Cmd.Result r) {
    return r.stderr().lines().filter(l -> l.startsWith("ctr: ")).toList();
  }
}
