package dev.flattar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Difference;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API as README shows it; if this stops compiling, README is wrong. */
class ApiExampleTest {
  @TempDir Path tmp;

  @Test
  void readmeExample() throws Exception {
    Path app = tmp.resolve("app.tar");
    Files.copy(TestdataSamplesTest.TESTDATA.resolve("sample-docker.tar"), app);
    Path flat = tmp.resolve("app-flat.tar");
    Path layout = TestdataSamplesTest.TESTDATA.resolve("multiarch/two.layout");
    Path arm64 = tmp.resolve("app-arm64");

    // --- README: Java API ---
    FlattenOptions options =
        FlattenOptions.builder()
            .tag("registry.example.com/app:flat")
            .keepBase(1)
            .format(OutputFormat.BOTH)
            .compression(OutputCompression.parse("zstd:9"))
            .created(Instant.parse("2024-01-01T00:00:00Z"))
            .config(ConfigEdit.Kind.LABEL, "build=42") // --label build=42
            .change("USER app") // --change 'USER app'
            .build();
    FlattenResult result = FlatTar.flatten(Input.file(app), Output.file(flat), options);
    System.out.println(result.image().imageId() + " " + result.image().diffId());

    InspectReport report = FlatTar.inspect(Input.file(app), FlattenOptions.defaults());
    long hidden = report.images().get(0).hiddenBytes();

    // two images compared: merged filesystems and configs (here: the label and the user)
    DiffReport diff =
        FlatTar.diff(Input.file(app), Input.file(flat), DiffOptions.builder().build());
    boolean same = diff.same(); // diff.differences(): kind, path, fields with both values

    // one platform of a multi-platform layout directory, into a layout directory
    FlatTar.flatten(
        Input.file(layout),
        Output.directory(arm64),
        FlattenOptions.builder().platform(Platform.parse("linux/arm64")).build());
    // --- end ---

    assertThat(flat).exists();
    assertThat(result.image().keptLayers()).isEqualTo(1);
    assertThat(result.image().tags()).containsExactly("registry.example.com/app:flat");
    assertThat(hidden).isPositive();
    assertThat(arm64.resolve("index.json")).exists();
    assertThat(same).isFalse();
    assertThat(diff.differences())
        .extracting(Difference::path)
        .containsExactly("/config/Labels/build", "/config/User");
  }

  @Test
  void badInput_isAFlatTarExceptionWithOneLine() throws Exception {
    Path junk = tmp.resolve("junk.tar");
    Files.writeString(junk, "not an archive");

    try {
      FlatTar.flatten(junk, tmp.resolve("out.tar"), FlattenOptions.defaults());
    } catch (FlatTarException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      assertThat(tmp.resolve("out.tar")).doesNotExist();
      return;
    }
    throw new AssertionError("no exception");
  }
}
