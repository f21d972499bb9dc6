package dev.flattar.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.DiffOptions;
import dev.flattar.DiffReport;
import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.Input;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code flat-tar diff} finds nothing between an image and its flattened output, for every merge
 * case and every --keep-base: the layer rules as the diff sees them agree with the writer's.
 */
class MergeDiffTest {
  @TempDir Path dir;

  static Stream<Arguments> casesWithBases() {
    return MergeSemanticsTest.cases()
        .flatMap(c -> IntStream.range(0, c.layers.size()).mapToObj(k -> Arguments.of(c, k)));
  }

  @ParameterizedTest(name = "{0}, keeping {1}")
  @MethodSource("casesWithBases")
  void anImageAndItsFlattenedOutput_areTheSame(MergeCase c, int keep) throws Exception {
    Path in = dir.resolve("in.tar");
    Path out = dir.resolve("flat.tar");
    Files.write(in, Archives.build(Archives.Layout.DOCKER, ImageSpec.of(c.layers).tags("case:1")));
    FlatTar.flatten(in, out, FlattenOptions.builder().keepBase(keep).build());

    DiffReport report =
        FlatTar.diff(Input.file(in), Input.file(out), DiffOptions.builder().build());

    assertThat(report.differences()).isEmpty();
    assertThat(report.firstPaths()).isEqualTo(c.paths.size()).isEqualTo(report.secondPaths());
  }
}
