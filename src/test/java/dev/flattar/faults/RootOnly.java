package dev.flattar.faults;

import org.junit.jupiter.api.Assumptions;

/** Tests that mount file systems need root: required in CI, skipped visibly elsewhere. */
final class RootOnly {
  private RootOnly() {}

  static void require() {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run as root: this test mounts a tmpfs");
    }
    if (!root) {
      System.err.println("SKIPPED: needs root to mount a tmpfs");
    }
    Assumptions.assumeTrue(root, "needs root to mount a tmpfs");
  }
}
