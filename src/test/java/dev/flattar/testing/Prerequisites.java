package dev.flattar.testing;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need from the machine (root, a tool, the shared corpus). In CI (env {@code
 * CI=true}) a missing prerequisite fails the run, since .ci/run installs everything; elsewhere the
 * test is skipped with a line on stderr that says why.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** Whether this run is CI's, where nothing may be skipped for lack of a tool. */
  public static boolean inCi() {
    return "true".equals(System.getenv("CI"));
  }

  /**
   * Fails (in CI) or skips the calling test unless {@code present}.
   *
   * @param what names the test and what it lacks, e.g. {@code "HermeticIT: strace is not
   *     installed"}
   */
  public static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if (inCi()) {
      throw new AssertionError(what + " (CI=true: a missing prerequisite fails the run)");
    }
    System.err.println("SKIPPED " + what);
    Assumptions.abort(what);
  }

  /** Requires root: {@code why} says what the test does with it ("mounts a tmpfs"). */
  public static void requireRoot(String who, String why) {
    require(isRoot(), who + ": needs root, as it " + why);
  }

  /** Requires every tool on the PATH. */
  public static void requireTools(String who, List<String> tools) {
    List<String> missing = tools.stream().filter(t -> !onPath(t)).toList();
    require(missing.isEmpty(), who + ": needs " + String.join(", ", missing) + " on the PATH");
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  public static boolean onPath(String tool) {
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
