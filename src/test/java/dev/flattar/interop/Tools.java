package dev.flattar.interop;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

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
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root (mounting images needs it)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = who + ": interop tier needs " + String.join(", ", missing);
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message + " (CI=true: a missing tool fails the run)");
    }
    System.err.println("SKIPPED " + message);
    Assumptions.abort(message);
  }

  static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir.isEmpty() ? "." : dir, tool);
      if (f.isFile() && f.canExecute()) {
        return true;
      }
    }
    return false;
  }
}
