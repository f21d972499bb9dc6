package dev.flattar.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.cli.CliRunner;
import dev.flattar.testing.Archives;
import dev.flattar.testing.LayerChecks;
import dev.flattar.testing.OciImages;
import dev.flattar.testing.OverlayTsv;
import dev.flattar.testing.ReferenceTree;
import dev.flattar.testing.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Multi-platform images as buildah and containerd write them (testdata/multiarch, made by
 * src/test/engine/make-multiarch-images.sh): flattened platform by platform into one image index
 * under the original name, each platform to exactly the tree the kernel's overlayfs showed for it.
 */
class MultiPlatformTest {
  static final Path DATA =
      Path.of(System.getProperty("flattar.testdata", "testdata")).resolve("multiarch");

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "two.oci.tar, 1.0, linux/amd64 linux/arm64/v8",
    "three.oci.tar, 1.0, linux/amd64 linux/arm64/v8 linux/arm/v7",
    "two.containerd.tar, localhost/flattar-gen-two:1.0, linux/amd64 linux/arm64/v8",
    "three.containerd.tar, localhost/flattar-gen-three:1.0, linux/amd64 linux/arm64/v8 linux/arm/v7",
  })
  void withoutOptions_everyPlatformIsFlattenedIntoOneIndexUnderTheName(
      String archive, String name, String platforms) throws Exception {
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), input(archive));

    assertThat(run.code()).as(run.stderr()).isZero();
    Map<String, byte[]> members = Archives.members(Files.readAllBytes(out));
    JsonNode index = TestJson.MAPPER.readTree(members.get("index.json"));
    assertThat(index.get("manifests")).as("one entry: the image, by its name").hasSize(1);
    assertThat(index.get("manifests").get(0).get("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.index.v1+json");
    List<OciImages.Image> images = OciImages.read(members);
    assertThat(images).extracting(OciImages.Image::platform).containsExactly(platforms.split(" "));
    for (OciImages.Image image : images) {
      assertThat(image.names()).containsExactly(name);
      assertThat(image.layers()).as(image.platform() + ": one new layer").hasSize(1);
      assertTree(archive, image.platform(), image.layers().get(0));
    }
    JsonNode manifestJson = TestJson.MAPPER.readTree(members.get("manifest.json"));
    assertThat(manifestJson).as("manifest.json: one image per name, linux/amd64's").hasSize(1);
    JsonNode config =
        TestJson.MAPPER.readTree(members.get(manifestJson.get(0).get("Config").asText()));
    assertThat(config.get("architecture").asText()).isEqualTo("amd64");
    assertThat(run.stderr()).contains("manifest.json names").contains("linux/amd64");
  }

  @ParameterizedTest(name = "--platform {1} of {0}")
  @CsvSource({
    "three.oci.tar, linux/arm64, linux/arm64/v8",
    "three.oci.tar, linux/arm/v7, linux/arm/v7",
    "three.containerd.tar, linux/amd64, linux/amd64",
    "two.containerd.tar, linux/arm64/v8, linux/arm64/v8",
  })
  void platform_flattensThatOneIntoAPlainImage(String archive, String wanted, String platform)
      throws Exception {
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run =
        CliRunner.run(new byte[0], "--platform", wanted, "-o", out.toString(), input(archive));

    assertThat(run.code()).as(run.stderr()).isZero();
    Map<String, byte[]> members = Archives.members(Files.readAllBytes(out));
    assertThat(members)
        .as("one platform: the docker format, as for any image")
        .doesNotContainKey("index.json");
    JsonNode manifest = TestJson.MAPPER.readTree(members.get("manifest.json"));
    JsonNode config = TestJson.MAPPER.readTree(members.get(manifest.get(0).get("Config").asText()));
    String variant = config.path("variant").asText("");
    assertThat(
            config.get("os").asText()
                + "/"
                + config.get("architecture").asText()
                + (variant.isEmpty() ? "" : "/" + variant))
        .isEqualTo(platform);
    byte[] layer = members.get(manifest.get(0).get("Layers").get(0).asText());
    assertTree(archive, platform, layer);
  }

  @Test
  void twoPlatformsChosen_keepTheirIndex() throws Exception {
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run =
        CliRunner.run(
            new byte[0],
            "--platform",
            "linux/arm/v7",
            "--platform",
            "linux/arm64",
            "--format",
            "oci",
            "-o",
            out.toString(),
            input("three.oci.tar"));

    assertThat(run.code()).as(run.stderr()).isZero();
    Map<String, byte[]> members = Archives.members(Files.readAllBytes(out));
    assertThat(members).doesNotContainKey("manifest.json");
    assertThat(OciImages.read(members))
        .extracting(OciImages.Image::platform)
        .as("in the index's order")
        .containsExactly("linux/arm64/v8", "linux/arm/v7");
  }

  @Test
  void dockerFormat_ofSeveralPlatforms_isRefusedNamingTheWayOut() throws Exception {
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run =
        CliRunner.run(
            new byte[0], "--format", "docker", "-o", out.toString(), input("two.oci.tar"));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.stderr())
        .contains("keeps 2 platforms")
        .contains("--platform")
        .contains("--format oci or both");
    assertThat(out).doesNotExist();
  }

  @Test
  void aPlatformWhoseBlobsAreAbsent_isSkippedAndNamed() throws Exception {
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run =
        CliRunner.run(new byte[0], "-o", out.toString(), input("three.containerd-amd64only.tar"));

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .contains("platform linux/arm64/v8")
        .contains("platform linux/arm/v7")
        .contains("does not hold");
    Map<String, byte[]> members = Archives.members(Files.readAllBytes(out));
    JsonNode manifest = TestJson.MAPPER.readTree(members.get("manifest.json"));
    assertThat(manifest).hasSize(1);
    assertThat(manifest.get(0).get("RepoTags").get(0).asText())
        .isEqualTo("localhost/flattar-gen-three:1.0");
    assertTree("three", "linux/amd64", members.get(manifest.get(0).get("Layers").get(0).asText()));
  }

  @Test
  void aPlatformNoImageHas_isAnErrorListingThePlatforms() throws Exception {
    CliRunner.Run run =
        CliRunner.run(
            new byte[0],
            "--platform",
            "linux/s390x",
            "-o",
            tmp.resolve("o.tar").toString(),
            input("two.oci.tar"));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.stderr())
        .contains("has no image for --platform linux/s390x")
        .contains("linux/amd64, linux/arm64/v8");
  }

  @Test
  void aBareTag_selectsTheImage_andNamesItInTheIndexOnly() throws Exception {
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run =
        CliRunner.run(
            new byte[0],
            "--image",
            "1.0",
            "--format",
            "both",
            "-o",
            out.toString(),
            input("two.oci.tar"));

    assertThat(run.code()).as(run.stderr()).isZero();
    Map<String, byte[]> members = Archives.members(Files.readAllBytes(out));
    JsonNode entry = TestJson.MAPPER.readTree(members.get("index.json")).get("manifests").get(0);
    assertThat(entry.get("annotations").get("org.opencontainers.image.ref.name").asText())
        .isEqualTo("1.0");
    assertThat(entry.get("annotations").has("io.containerd.image.name")).isFalse();
    assertThat(
            TestJson.MAPPER.readTree(members.get("manifest.json")).get(0).get("RepoTags").isNull())
        .as("a bare tag is no RepoTag")
        .isTrue();
  }

  @Test
  void keepBase_keepsEachPlatformsOwnBase() throws Exception {
    Path out = tmp.resolve("flat.tar");

    CliRunner.Run run =
        CliRunner.run(
            new byte[0], "--keep-base", "1", "-o", out.toString(), input("three.oci.tar"));

    assertThat(run.code()).as(run.stderr()).isZero();
    for (OciImages.Image image : OciImages.read(Archives.members(Files.readAllBytes(out)))) {
      assertThat(image.layers()).as(image.platform()).hasSize(2);
      assertThat(String.join("\n", OverlayTsv.lines(ReferenceTree.of(image.layers()))))
          .as(image.platform())
          .isEqualTo(String.join("\n", expected("three", image.platform())));
    }
  }

  @Test
  void output_isTheSameBytesEveryTime_andVerifies() throws Exception {
    Path a = tmp.resolve("a.tar");
    Path b = tmp.resolve("b.tar");

    CliRunner.Run first =
        CliRunner.run(new byte[0], "--verify", "-o", a.toString(), input("three.containerd.tar"));
    CliRunner.Run second =
        CliRunner.run(new byte[0], "-o", b.toString(), input("three.containerd.tar"));

    assertThat(first.code()).as(first.stderr()).isZero();
    assertThat(second.code()).as(second.stderr()).isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void inspect_showsEachImagesPlatform() {
    CliRunner.Run run =
        CliRunner.run(new byte[0], "inspect", input("three.containerd-amd64only.tar"));

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(run.stdoutText())
        .contains("for linux/amd64")
        .contains("skipped platform linux/arm64/v8")
        .contains("skipped platform linux/arm/v7");
  }

  private static String input(String archive) {
    return DATA.resolve(archive).toString();
  }

  private static void assertTree(String archive, String platform, byte[] layer) throws Exception {
    LayerChecks.assertWellFormed(layer);
    List<String> actual = OverlayTsv.lines(ReferenceTree.of(List.of(layer)));
    assertThat(String.join("\n", actual))
        .as(archive + " " + platform)
        .isEqualTo(String.join("\n", expected(archive, platform)));
  }

  /** The overlay view buildah's mount showed for that platform of the image. */
  private static List<String> expected(String archive, String platform) throws Exception {
    String image =
        archive.substring(0, archive.indexOf('.') < 0 ? archive.length() : archive.indexOf('.'));
    Path tsv = DATA.resolve(image + "." + platform.replace('/', '-') + ".expected.tsv");
    List<String> lines = new ArrayList<>(Files.readAllLines(tsv));
    lines.removeIf(l -> l.startsWith("#"));
    return lines;
  }
}
