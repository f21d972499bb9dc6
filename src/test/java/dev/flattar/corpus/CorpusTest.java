package dev.flattar.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.cli.CliRunner;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.LayerChecks;
import dev.flattar.testing.Prerequisites;
import dev.flattar.testing.ReferenceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every archive of the shared corpus (real output of Docker 1.4 to 25+, containerd, buildkit,
 * podman, skopeo, kaniko, crane, jib, Bazel) gets the outcome its README row demands: "flatten"
 * archives flatten (each image of a multi-image archive, chosen by id) to one layer with the same
 * tree as the reference unpacker applied to the original layers; "error" archives are refused with
 * one line on stderr, exit status 1 and no output file.
 */
class CorpusTest {
  /**
   * Rows whose demanded outcome flat-tar deliberately does not give, with the reason. Each is still
   * tested: it must be refused cleanly, with a message containing the given text.
   */
  static final java.util.Map<String, String> DISAGREEMENTS =
      java.util.Map.of(
          // manifest.json lists 1 layer, the config 4 diff_ids; the one layer matches neither a
          // diff_id nor its own blob name. docker load refuses ("layers length mismatch"), podman
          // load fails; flattening it would mean writing content that nothing verifies.
          "snyk-oci-with-manifest-macos.tar",
          "lists 1 layer but the config's rootfs.diff_ids has 4");

  @TempDir Path tmp;

  static Stream<CorpusCase> corpus() throws IOException {
    Path dir = CorpusCase.directory();
    List<CorpusCase> cases = CorpusCase.load(dir);
    Prerequisites.require(!cases.isEmpty(), "CorpusTest: no corpus at " + dir.toAbsolutePath());
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void archiveGetsTheOutcomeItsRowDemands(CorpusCase c) throws Exception {
    String disagreement = DISAGREEMENTS.get(c.archive().getFileName().toString());
    if (disagreement != null) {
      isRefusedCleanly(c, new String[0]).contains(disagreement);
    } else if (c.mustFlatten()) {
      flattensEveryImage(c);
    } else {
      isRefusedCleanly(c, new String[0]);
      if (c.images() > 1) {
        // Refusing for ambiguity is not enough: each image, once chosen, must be refused too.
        for (SourceLayers image : SourceLayers.read(c.archive())) {
          isRefusedCleanly(c, new String[] {"--image", image.id()}).doesNotContain("choose one");
        }
      }
    }
  }

  private void flattensEveryImage(CorpusCase c) throws Exception {
    List<SourceLayers> images = SourceLayers.read(c.archive());
    assertThat(images).hasSize(c.images());
    for (SourceLayers image : images) {
      Path out = tmp.resolve("out-" + image.id().substring(7, 19) + ".tar");
      String[] args =
          c.images() > 1
              ? new String[] {"--image", image.id(), "-o", out.toString(), c.archive().toString()}
              : new String[] {"-o", out.toString(), c.archive().toString()};
      CliRunner.Run run = CliRunner.run(new byte[0], args);
      assertThat(run.code()).as("exit status; stderr: %s", run.stderr()).isZero();
      assertThat(run.stderr()).doesNotContain("error");

      FlatArchive flat = FlatArchive.read(out);
      LayerChecks.assertWellFormed(flat.layer);
      assertThat(flat.tree().describe())
          .as("flattened tree of %s vs the reference unpacker", image.id())
          .isEqualTo(ReferenceTree.of(image.layers()).describe());
    }
    if (c.images() > 1) {
      CliRunner.Run run =
          CliRunner.run(new byte[0], "-o", tmp.resolve("x.tar").toString(), c.archive().toString());
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.stderr()).contains("choose one with --image");
      assertThat(tmp.resolve("x.tar")).doesNotExist();
    }
  }

  private org.assertj.core.api.AbstractStringAssert<?> isRefusedCleanly(
      CorpusCase c, String[] extra) throws Exception {
    Path out = tmp.resolve("refused.tar");
    List<String> args = new java.util.ArrayList<>(List.of(extra));
    args.addAll(List.of("-o", out.toString(), c.archive().toString()));
    CliRunner.Run run = CliRunner.run(new byte[0], args.toArray(new String[0]));

    assertThat(run.code()).as("exit status; stderr: %s", run.stderr()).isEqualTo(1);
    assertThat(run.stderr().lines()).as("stderr: %s", run.stderr()).hasSize(1);
    assertThat(run.stderr())
        .startsWith("flat-tar: ")
        .doesNotContain("Exception")
        .doesNotContain("internal error");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("files left behind").isEmpty();
    }
    return assertThat(run.stderr());
  }
}
