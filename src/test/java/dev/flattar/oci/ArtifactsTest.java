package dev.flattar.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.cli.CliRunner;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.OciLayoutBuilder;
import dev.flattar.testing.ReferenceTree;
import dev.flattar.testing.SampleLayers;
import dev.flattar.testing.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layouts that hold more than images, written per the OCI image spec 1.1: a signature and an SBOM
 * referring to the image (artifactType, the empty config, a subject), a buildkit attestation in the
 * image's index, a Helm chart. The image flattens; the rest is reported, never an error.
 */
class ArtifactsTest {
  @TempDir Path tmp;

  /** app:1 (an index: the image and its attestation), a signature, an SBOM, a Helm chart. */
  static byte[] layoutWithArtifacts(boolean withImage) {
    OciLayoutBuilder b = new OciLayoutBuilder();
    ObjectNode config = TestJson.MAPPER.createObjectNode();
    config.put("architecture", "amd64").put("os", "linux");
    ObjectNode image = b.image(config, SampleLayers.STACK);
    image.putObject("platform").put("architecture", "amd64").put("os", "linux");
    ObjectNode attestationConfig = TestJson.MAPPER.createObjectNode();
    attestationConfig.put("architecture", "unknown").put("os", "unknown");
    ObjectNode attestation =
        b.artifact(
            "", "application/vnd.oci.image.config.v1+json", "application/vnd.in-toto+json", null);
    attestation.putObject("platform").put("architecture", "unknown").put("os", "unknown");
    attestation
        .putObject("annotations")
        .put("vnd.docker.reference.type", "attestation-manifest")
        .put("vnd.docker.reference.digest", image.get("digest").asText());
    ObjectNode index = b.index(withImage ? image : attestation, attestation);
    if (withImage) {
      b.entry(index, "docker.io/library/app:1");
    }
    b.entry(
        b.artifact(
            "application/vnd.dev.cosign.artifact.sig.v1+json",
            OciLayoutBuilder.EMPTY_CONFIG,
            "application/vnd.dev.cosign.simplesigning.v1+json",
            image),
        null);
    b.entry(
        b.artifact(
            "application/spdx+json", OciLayoutBuilder.EMPTY_CONFIG, "application/spdx+json", image),
        null);
    b.entry(
        b.artifact(
            "",
            "application/vnd.cncf.helm.config.v1+json",
            "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
            null),
        "docker.io/library/chart:0.1");
    return b.archive();
  }

  @Test
  void theImageFlattens_andWhatReferredToItIsDroppedAndSaid() throws Exception {
    Path in = Files.write(tmp.resolve("in.tar"), layoutWithArtifacts(true));
    Path out = tmp.resolve("out.tar");

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), in.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    FlatArchive flat = FlatArchive.read(out);
    assertThat(flat.repoTags()).containsExactly("docker.io/library/app:1");
    assertThat(flat.tree().describe()).isEqualTo(ReferenceTree.of(SampleLayers.STACK).describe());
    assertThat(run.stderr().lines().filter(l -> l.startsWith("flat-tar: dropped")))
        .as(run.stderr())
        .hasSize(3)
        .anyMatch(l -> l.contains("attestation"))
        .anyMatch(l -> l.contains("application/vnd.dev.cosign.artifact.sig.v1+json"))
        .anyMatch(l -> l.contains("application/spdx+json"))
        .allMatch(l -> l.contains("of docker.io/library/app:1"));
    assertThat(run.stderr()).doesNotContain("helm");
  }

  @Test
  void verbose_saysWhyEachIsNoImage() throws Exception {
    Path in = Files.write(tmp.resolve("in.tar"), layoutWithArtifacts(true));

    CliRunner.Run run =
        CliRunner.run(new byte[0], "-v", "-o", tmp.resolve("o.tar").toString(), in.toString());

    assertThat(run.code()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .contains("a buildkit attestation manifest")
        .contains("artifact type application/vnd.dev.cosign.artifact.sig.v1+json")
        .contains(
            "config media type application/vnd.cncf.helm.config.v1+json is not an image config");
  }

  @Test
  void inspect_listsTheArtifacts() throws Exception {
    Path in = Files.write(tmp.resolve("in.tar"), layoutWithArtifacts(true));

    CliRunner.Run table = CliRunner.run(new byte[0], "inspect", in.toString());
    CliRunner.Run json = CliRunner.run(new byte[0], "inspect", "--json", in.toString());

    assertThat(table.code()).as(table.stderr()).isZero();
    assertThat(table.stdoutText().lines().filter(l -> l.startsWith("skipped "))).hasSize(4);
    var skipped = TestJson.MAPPER.readTree(json.stdout()).get("skipped");
    assertThat(skipped).hasSize(4);
    assertThat(skipped.findValuesAsText("kind"))
        .containsExactly("attestation", "artifact", "artifact", "artifact");
  }

  @Test
  void aLayoutOfArtifactsOnly_isRefusedAsSuch() throws Exception {
    Path in = Files.write(tmp.resolve("in.tar"), layoutWithArtifacts(false));
    Path out = tmp.resolve("out.tar");

    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), in.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.stderr())
        .startsWith("flat-tar: no container image in " + in + ": 3 artifacts (artifact ")
        .contains("application/vnd.dev.cosign.artifact.sig.v1+json")
        .contains("application/spdx+json")
        .contains("application/vnd.cncf.helm.config.v1+json")
        .doesNotContain("diff_ids");
    assertThat(out).doesNotExist();
  }
}
