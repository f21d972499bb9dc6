package dev.flattar.interop;

import dev.flattar.testing.Prerequisites;
import java.util.ArrayList;
import java.util.List;

/**
 * The interop tier's prerequisites: real engines on the PATH and root. In CI (env {@code CI=true})
 * a missing prerequisite fails the run; elsewhere the tier is skipped with a visible message.
 */
final class Tools {
  /** What every interop test drives. python3 runs the tree walker; the rest are the engines. */
  static final List<String> ENGINES =
      List.of("podman", "skopeo", "umoci", "ctr", "containerd", "python3", "rm");

  /** What make-engine-images.sh needs on top of the engines (its own list). */
  static final List<String> IMAGE_BUILDER =
      List.of("buildah", "setfattr", "getfattr", "setcap", "mkfifo", "mknod", "bash");

  private Tools() {}

  /** Fails (in CI) or skips the calling test class unless all {@code tools} and root are there. */
  static void require(String who, List<String> tools) {
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (!Prerequisites.onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!Prerequisites.isRoot()) {
      missing.add("root (mounting images needs it)");
    }
    Prerequisites.require(
        missing.isEmpty(), who + ": interop tier needs " + String.join(", ", missing));
  }
}
