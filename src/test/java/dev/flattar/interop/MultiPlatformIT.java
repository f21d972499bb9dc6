package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Multi-platform images (testdata/multiarch, made by buildah and containerd) flattened with the
 * built jar, then read by the engines platform by platform: containerd imports the whole index
 * ({@code --all-platforms}) and, mounted for each platform, shows the tree the kernel's overlayfs
 * showed for that platform of the original; skopeo copies every platform and checks every digest;
 * podman loads the single-platform outputs; umoci unpacks a layout-directory output, and skopeo
 * reads one in place.
 */
class MultiPlatformIT {
  static Engines engines;

  @BeforeAll
  static void startEngines() {
    engines = Engines.start("MultiPlatformIT");
  }

  @AfterAll
  static void stopEngines() {
    if (engines != null) {
      engines.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "two.oci.tar, two, linux/amd64 linux/arm64/v8",
    "three.oci.tar, three, linux/amd64 linux/arm64/v8 linux/arm/v7",
    "three.containerd.tar, three, linux/amd64 linux/arm64/v8 linux/arm/v7",
    "two.layout, two, linux/amd64 linux/arm64/v8",
  })
  void everyPlatform_showsTheOriginalsTreeInContainerd(String input, String image, String platforms)
      throws Exception {
    Path dir = engines.workDir(input);
    Path flat = dir.resolve("flat.tar");
    flatten(List.of("-o", flat.toString(), multiarch(input).toString()));
    long since = System.currentTimeMillis() / 1000 - 1;

    engines.containerd.removeImages();
    engines
        .containerd
        .ctr(
            "images",
            "import",
            "--all-platforms",
            "--snapshotter",
            "overlayfs",
            "--base-name",
            "flat",
            flat.toString())
        .orFail();
    List<String> names = engines.containerd.imageNames();
    assertThat(names).as("one image, under its name").hasSize(1);
    for (String platform : platforms.split(" ")) {
      Path mount = Files.createDirectory(dir.resolve("mnt-" + platform.replace('/', '-')));
      engines.containerd.mount(names.get(0), platform, mount);
      try {
        Tree tree = TreeWalk.walk(mount, "containerd " + platform + " of " + input);
        TreeDiff.assertSame(input + " " + platform, expected(image, platform), tree, since);
      } finally {
        engines.containerd.unmount(mount);
      }
    }
    Skopeo.copy("oci-archive:" + flat, "oci:" + dir.resolve("copy"));
  }

  @Test
  void eachPlatformAlone_loadsInPodmanAsADockerArchive() {
    for (String platform : List.of("linux/amd64", "linux/arm64/v8", "linux/arm/v7")) {
      Path dir = engines.workDir(platform.replace('/', '-'));
      Path flat = dir.resolve("flat.tar");
      flatten(
          List.of(
              "--platform",
              platform,
              "-t",
              "flat:1",
              "-o",
              flat.toString(),
              multiarch("three.oci.tar").toString()));
      long since = System.currentTimeMillis() / 1000 - 1;
      engines.podman.load(flat).orFail();
      String id = engines.podman.inspect("flat:1").get("Id").asText();
      try {
        Path mount = engines.podman.mount(id);
        Tree tree = TreeWalk.walk(mount, "podman " + platform);
        TreeDiff.assertSame(platform, expected("three", platform), tree, since);
      } finally {
        engines.podman.unmount(id);
        engines.podman.remove(id);
      }
    }
  }

  @Test
  void aLayoutDirectoryOutput_isReadInPlaceBySkopeoAndUmoci() throws Exception {
    Path dir = engines.workDir("layout");
    Path layout = dir.resolve("flat");
    flatten(
        List.of(
            "--platform", "linux/arm64", "-o", layout + "/", multiarch("two.layout").toString()));
    long since = System.currentTimeMillis() / 1000 - 1;

    JsonNode index = TestJson.MAPPER.readTree(Files.readAllBytes(layout.resolve("index.json")));
    assertThat(
            index
                .get("manifests")
                .get(0)
                .get("annotations")
                .get("org.opencontainers.image.ref.name")
                .asText())
        .as("the layout's own tag, kept")
        .isEqualTo("1.0");
    Cmd.ok("skopeo", "inspect", "--raw", "oci:" + layout + ":1.0");
    Skopeo.copy("oci:" + layout + ":1.0", "oci:" + dir.resolve("copy") + ":1.0");
    Path rootfs = dir.resolve("rootfs");
    Cmd.ok("umoci", "raw", "unpack", "--image", layout + ":1.0", rootfs.toString());
    TreeDiff.assertSame(
        "umoci of the layout",
        expected("two", "linux/arm64/v8"),
        TreeWalk.walk(rootfs, "umoci"),
        since);
    assertThat(layout.resolveSibling("flat")).isDirectory();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("nothing left beside the output")
          .containsExactlyInAnyOrder("flat", "copy", "rootfs");
    }
  }

  private static void flatten(List<String> args) {
    List<String> all = new ArrayList<>(List.of("-q"));
    all.addAll(args);
    BuiltJar.run(engines.jar, Map.of(), all).orFail();
  }

  private static Path multiarch(String name) {
    return Inputs.testdata().resolve("multiarch").resolve(name);
  }

  /** The overlayfs view buildah's mount showed for that platform when the images were made. */
  private static Tree expected(String image, String platform) {
    Path tsv =
        Inputs.testdata()
            .resolve("multiarch")
            .resolve(image + "." + platform.replace('/', '-') + ".expected.tsv");
    try {
      assertThat(Files.readString(tsv)).isNotEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TreeWalk.read(tsv, tsv.toString());
  }
}
