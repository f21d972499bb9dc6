package dev.flattar.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.interop.DockerDaemon;
import dev.flattar.model.Digest;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.OciImages;
import dev.flattar.testing.Prerequisites;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
 * docker load} of it gives the image app:flat. The flat_tar_layout rule turns a tree artifact
 * holding a two-platform OCI layout into a layout directory with the same files as flat-tar run
 * directly, also from the disk cache, which skopeo and umoci read where they are installed. Bazel
 * is optional: without it on the PATH the class is skipped with a message, in CI too.
 */
class BazelExampleIT {
  private static final String TARGET = "//:app_flat";
  private static final List<String> FLAGS = List.of("-q", "-t", "app:flat");

  /** flat_tar_layout targets: every platform of //:image, and only linux/arm64, renamed. */
  private static final String LAYOUT = "//:image_flat";

  private static final String LAYOUT_ARM64 = "//:image_arm64_flat";
  private static final List<String> ARM64_FLAGS =
      List.of("-q", "--platform", "linux/arm64", "-t", "example/app:arm64");

  private static final String[] PLATFORMS = {"linux/amd64", "linux/arm64/v8"};

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
    Examples.copyTree(Examples.layout(), workspace.resolve("image.layout"));
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

  @Test
  void buildLayout_flattensEachPlatformOfTheTreeArtifact_identicalToDirectRun() {
    ok(bazel("build", LAYOUT));

    assertThat(Examples.sha256s(Examples.files(bin("image"))))
        .as("//:image, the stand-in for rules_oci's oci_image, against image.layout")
        .isEqualTo(Examples.sha256s(Examples.files(Examples.layout())));
    assertThat(OciImages.read(Examples.files(bin("image"))))
        .as("images of the input")
        .allSatisfy(image -> assertThat(image.layers()).hasSize(3));
    Map<String, byte[]> flat = Examples.files(bin("image_flat"));
    assertThat(flat).containsKeys("oci-layout", "index.json");
    assertThat(flat.keySet())
        .allMatch(name -> name.matches("oci-layout|index\\.json|blobs/sha256/[0-9a-f]{64}"));
    List<OciImages.Image> images = OciImages.read(flat);
    assertThat(images).extracting(OciImages.Image::platform).containsExactly(PLATFORMS);
    assertThat(images)
        .allSatisfy(
            image -> {
              assertThat(image.names()).as("the layout's tag, kept").containsExactly("1.0");
              assertThat(image.layers()).as("layers of %s", image.platform()).hasSize(1);
            });
    Map<String, byte[]> direct =
        Examples.flattenToDirectory(Examples.layout(), tmp.resolve("direct"), List.of("-q"));
    assertThat(Examples.sha256s(flat))
        .as("bazel-bin/image_flat against java -jar flat-tar.jar -q -o DIR/ two.layout")
        .isEqualTo(Examples.sha256s(direct));
    assertThat(leftovers()).as("files beside the outputs in bazel-bin").isEmpty();
  }

  @Test
  void buildLayout_platformsAndRepoTags_reachFlatTar() {
    ok(bazel("build", LAYOUT_ARM64));

    Map<String, byte[]> flat = Examples.files(bin("image_arm64_flat"));
    List<OciImages.Image> images = OciImages.read(flat);
    assertThat(images).hasSize(1);
    OciImages.Image image = images.get(0);
    assertThat(image.names()).containsExactly("docker.io/example/app:arm64");
    assertThat(image.config().path("architecture").asText()).isEqualTo("arm64");
    assertThat(image.config().path("variant").asText()).isEqualTo("v8");
    assertThat(image.layers()).hasSize(1);
    Map<String, byte[]> direct =
        Examples.flattenToDirectory(Examples.layout(), tmp.resolve("direct-arm64"), ARM64_FLAGS);
    assertThat(Examples.sha256s(flat))
        .as("bazel-bin/image_arm64_flat against java -jar flat-tar.jar %s", ARM64_FLAGS)
        .isEqualTo(Examples.sha256s(direct));
  }

  @Test
  void buildLayout_afterClean_comesFromDiskCache_withSameFiles() {
    String diskCache = "--disk_cache=" + tmp.resolve("disk-cache-layout");
    ok(bazel("clean"));
    ok(bazel("build", diskCache, LAYOUT, LAYOUT_ARM64));
    Map<String, String> built = Examples.sha256s(Examples.files(bin("image_flat")));
    Map<String, String> builtArm64 = Examples.sha256s(Examples.files(bin("image_arm64_flat")));
    ok(bazel("clean"));
    assertThat(bin("image_flat")).doesNotExist();

    Command.Result cached = ok(bazel("build", diskCache, LAYOUT, LAYOUT_ARM64));
    // Three actions: the copy into //:image and the two flat-tar runs.
    assertThat(cached.output()).as(cached.describe()).containsPattern("3 (remote|disk) cache hit");
    assertThat(Examples.sha256s(Examples.files(bin("image_flat"))))
        .as("image_flat restored from the disk cache")
        .isEqualTo(built);
    assertThat(Examples.sha256s(Examples.files(bin("image_arm64_flat"))))
        .as("image_arm64_flat restored from the disk cache")
        .isEqualTo(builtArm64);
  }

  @Test
  void buildLayout_resultIsReadBySkopeoAndUmoci() throws IOException {
    Prerequisites.requireTools("BazelExampleIT", List.of("skopeo", "umoci"));
    ok(bazel("build", LAYOUT, LAYOUT_ARM64));

    // skopeo copies every platform, checking each blob against its digest and size.
    ok(
        run(
            "skopeo",
            "--insecure-policy",
            "copy",
            "--quiet",
            "--all",
            "oci:" + bin("image_flat") + ":1.0",
            "oci:" + tmp.resolve("skopeo-copy") + ":1.0"));
    Path rootfs = tmp.resolve("rootfs");
    List<String> unpack = new ArrayList<>(List.of("umoci", "raw", "unpack"));
    if (!Prerequisites.isRoot()) {
      unpack.add("--rootless");
    }
    unpack.addAll(List.of("--image", bin("image_arm64_flat") + ":arm64", rootfs.toString()));
    ok(run(unpack.toArray(String[]::new)));
    assertThat(Files.readString(rootfs.resolve("platform.txt")).strip())
        .isEqualTo("linux/arm64/v8");
    assertThat(Examples.paths(rootfs))
        .as("paths umoci unpacked, against the overlayfs view of the original")
        .isEqualTo(Examples.expectedPaths("two.linux-arm64-v8.expected.tsv"));
  }

  @Test
  void buildLayout_corruptInput_failsWithFlatTarsError_andLeavesNoLayout() throws IOException {
    // The blob index.json names first (the image index), cut short.
    Path layout = workspace.resolve("image.layout");
    JsonNode index = TestJson.MAPPER.readTree(layout.resolve("index.json").toFile());
    String hex = Digest.parse(index.get("manifests").get(0).get("digest").asText()).hex();
    Path blob = layout.resolve("blobs/sha256/" + hex);
    byte[] good = Files.readAllBytes(blob);
    Files.write(blob, Arrays.copyOf(good, good.length / 2));
    try {
      Command.Result r = bazel("build", LAYOUT);

      assertThat(r.code()).as(r.describe()).isNotZero();
      assertThat(r.output()).as(r.describe()).contains("flat-tar: ").contains(hex);
      Path out = bin("image_flat");
      // Bazel made the directory before the action ran; it may leave it behind, empty.
      if (Files.exists(out)) {
        assertThat(Examples.files(out)).as("files in %s after the failure", out).isEmpty();
      }
      assertThat(leftovers()).as("files beside the outputs in bazel-bin").isEmpty();
    } finally {
      Files.write(blob, good);
    }
    ok(bazel("build", LAYOUT));
    assertThat(Examples.files(bin("image_flat"))).containsKey("index.json");
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

  /** An output of the example's package: {@code bazel-bin/<name>}. */
  private static Path bin(String name) {
    return workspace.resolve("bazel-bin").resolve(name);
  }

  /** Hidden files in bazel-bin: what a flat-tar that did not clean up would leave there. */
  private static List<String> leftovers() {
    try (Stream<Path> files = Files.list(bin(""))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Command.Result run(String... command) {
    return Command.run(workspace, Duration.ofMinutes(2), Map.of(), List.of(command));
  }

  private static Command.Result ok(Command.Result r) {
    assertThat(r.code()).as(r.describe()).isZero();
    return r;
  }
}
