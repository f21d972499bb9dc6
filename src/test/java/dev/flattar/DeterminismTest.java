package dev.flattar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.SampleLayers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same input gives byte-identical output: no wall-clock time, no thread-order effects. */
class DeterminismTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Archives.Layout.class)
  void twoRuns_identicalBytes_whateverTheThreadCount(Archives.Layout layout) throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, Archives.build(layout, ImageSpec.of(SampleLayers.STACK).tags("app:1")));

    FlatTar.flatten(in, tmp.resolve("a.tar"), FlattenOptions.builder().threads(1).build());
    FlatTar.flatten(in, tmp.resolve("b.tar"), FlattenOptions.builder().threads(2).build());

    assertThat(Files.readAllBytes(tmp.resolve("b.tar")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("a.tar")));
  }

  @Test
  void realArchive_identicalBytesAcrossRuns() throws Exception {
    Path corpus =
        Path.of(
            System.getProperty("flattar.corpus", "../shared/corpus"), "dive-docker-14layers.tar");
    Path in = Files.isRegularFile(corpus) ? corpus : writeSample();

    FlatTar.flatten(in, tmp.resolve("a.tar"), FlattenOptions.defaults());
    Thread.sleep(1100); // a second later: any wall-clock time would show
    FlatTar.flatten(in, tmp.resolve("b.tar"), FlattenOptions.defaults());

    assertThat(Files.readAllBytes(tmp.resolve("b.tar")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("a.tar")));
  }

  private Path writeSample() throws Exception {
    Path in = tmp.resolve("sample.tar");
    Files.write(
        in, Archives.build(Archives.Layout.OCI, ImageSpec.of(SampleLayers.STACK).tags("app:2")));
    return in;
  }
}
