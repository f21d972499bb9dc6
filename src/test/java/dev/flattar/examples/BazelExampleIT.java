package dev.flattar.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.interop.DockerDaemon;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/examples/bazel built by a real Bazel in a scratch copy with its own output root: the
 * genrule's output is a valid one-layer archive with the same bytes as flat-tar run directly, and
 * after {@code bazel clean} it comes back from the disk cache; where Docker is installed, {@code
 * docker load} of it gives the image app:flat. Bazel is optional: without it on the PATH the class
 * is skipped with a message, in CI too.
 */
class BazelExampleIT {
  private static final String TARGET = "//:app_flat";
  private static final List<String> FLAGS = List.of("-q", "-t", "app:flat");

  private static final String MISSING =
      "BazelExampleIT: bazel is not on the PATH (Debian: apt-get install bazel-bootstrap)";

  @TempDir static Path tmp;
  private static Path workspace;
  private static boolean serverStarted;

  @BeforeAll
  static void copyWorkspace() throws IOException {
    Prerequisites.require(Prerequisites.onPath("bazel"), MISSING);
    workspace = Examples.copy("bazel", tmp.resolve("workspace"));
    Files.copy(Examples.jar(), workspace.resolve("third_party/flat_tar/flat-tar.jar"));
    Files.copy(Examples.sample(), workspace.resolve("app.tar"));
  }

  @BeforeEach
  void requireBazel() {
    Assumptions.assumeTrue(workspace != null, MISSING);
  }

  @AfterAll
  static void shutDownServer() {
    if (serverStarted) {
      ok(bazel("shutdown"));
    }
  }

  @Test
  void build_writesValidOneLayerArchive_identicalToDirectRun() {
    ok(bazel("build", TARGET));

    FlatArchive flat = FlatArchive.read(output());
    assertThat(flat.repoTags()).containsExactly("app:flat");
    Path direct = tmp.resolve("direct.tar");
    Examples.flattenDirectly(Examples.sample(), direct, FLAGS);
    assertThat(Examples.sha256(output()))
        .as("bazel-bin/app-flat.tar against java -jar flat-tar.jar %s", String.join(" ", FLAGS))
        .isEqualTo(Examples.sha256(direct));
  }

  @Test
  void build_resultLoadsIntoDocker() {
    Examples.requireDocker("BazelExampleIT");
    ok(bazel("build", TARGET));
    try (DockerDaemon docker = DockerDaemon.start()) {
      Command.Result r =
          Command.run(
              workspace,
              Duration.ofMinutes(2),
              docker.env(),
              List.of("docker", "load", "-i", "bazel-bin/app-flat.tar"));
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.output()).as(r.describe()).contains("Loaded image: app:flat");
      Examples.assertLoaded(docker, output(), "app:flat");
    }
  }

  @Test
  void build_afterClean_comesFromDiskCache_withSameBytes() {
    String diskCache = "--disk_cache=" + tmp.resolve("disk-cache");
    // From clean, so the action runs and its result is written to the disk cache.
    ok(bazel("clean"));
    ok(bazel("build", diskCache, TARGET));
    String built = Examples.sha256(output());
    ok(bazel("clean"));

    Command.Result cached = ok(bazel("build", diskCache, TARGET));
    // Bazel 4 counts disk cache hits as "remote cache hit"; later versions say "disk cache hit".
    assertThat(cached.output()).as(cached.describe()).containsPattern("1 (remote|disk) cache hit");
    assertThat(Examples.sha256(output()))
        .as("output restored from the disk cache")
        .isEqualTo(built);
  }

  private static Path output() {
    return workspace.resolve("bazel-bin/app-flat.tar");
  }

  /**
   * Runs bazel in the workspace with startup options that keep it to the scratch directory: its own
   * output root, no ~/.bazelrc, and a server that exits by itself if shutDownServer never runs.
   */
  private static Command.Result bazel(String... args) {
    List<String> command = new ArrayList<>();
    command.add("bazel");
    command.add("--output_user_root=" + tmp.resolve("bazel-root"));
    command.add("--nohome_rc");
    command.add("--max_idle_secs=120");
    command.addAll(List.of(args));
    long start = System.nanoTime();
    serverStarted = true;
    Command.Result r = Command.run(workspace, Duration.ofMinutes(4), Map.of(), command);
    System.err.printf(
        "BazelExampleIT: `bazel %s` exited %d after %.1f s%n",
        String.join(" ", args), r.code(), (System.nanoTime() - start) / 1e9);
    return r;
  }

  private static Command.Result ok(Command.Result r) {
    assertThat(r.code()).as(r.describe()).isZero();
    return r;
  }
}
