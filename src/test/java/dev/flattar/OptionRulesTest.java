package dev.flattar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule about the options, as {@link FlattenOptions.Builder#build} applies them. */
class OptionRulesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "keepBase=-1|keepBase must be 0 or more, got -1|KEEP_BASE",
        "maxLayers=0|maxLayers must be 1 or more, got 0|MAX_LAYERS",
        "threads=0|threads must be at least 1, got 0|THREADS",
        "keepBase=2 fromLayer=3|keepBase and fromLayer exclude each other|KEEP_BASE FROM_LAYER",
        "allImages=true image=a|allImages and image exclude each other|ALL_IMAGES IMAGE",
        "rootfs=true format=oci|rootfs writes one plain filesystem tar: it takes no format|ROOTFS FORMAT",
        "rootfs=true tag=a:1 keepBase=1 allImages=true"
            + "|rootfs writes one plain filesystem tar: it takes no tag, keepBase, allImages"
            + "|ROOTFS TAG KEEP_BASE ALL_IMAGES",
        "rootfs=true fromLayer=2|rootfs writes one plain filesystem tar: it takes no fromLayer"
            + "|ROOTFS FROM_LAYER",
        "tag=BAD:Tag|invalid tag 'BAD:Tag': expected name:tag with a lower-case name, e.g. app:1.0"
            + "|TAG",
        "tag=a@sha256:00|invalid tag 'a@sha256:00': expected name:tag with a lower-case name, e.g."
            + " app:1.0|TAG",
      })
  void build_refusesOptionsThatCannotRun(String options, String message, String named) {
    assertThatThrownBy(() -> builder(options).build())
        .isInstanceOfSatisfying(
            InvalidOptionsException.class,
            e -> {
              assertThat(e).hasMessage(message);
              assertThat(e.options())
                  .containsExactlyElementsOf(
                      List.of(named.split(" ")).stream()
                          .map(FlattenOptions.Option::valueOf)
                          .toList());
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "rootfs=true compression=gzip",
        "rootfs=true format=docker",
        "keepBase=1 format=both",
        "fromLayer=2 format=oci",
        "allImages=true tag=a:1",
        "image=a maxLayers=1 verify=true",
      })
  void build_acceptsOptionsThatCanRun(String options) {
    assertThat(builder(options).build()).isNotNull();
  }

  @Test
  void tags_areWrittenTheWayDockerDoes() {
    FlattenOptions o = builder("tag=app tag=registry.example.com:5000/x/y:v1").build();

    assertThat(o.tags()).containsExactly("app:latest", "registry.example.com:5000/x/y:v1");
  }

  @Test
  void verify_needsAFileOutput() {
    FlattenOptions verify = builder("verify=true").build();

    OptionRules.checkOutput(verify, Output.file(Path.of("out.tar")));
    OptionRules.checkOutput(verify, Output.directory(Path.of("out")));
    assertThatThrownBy(
            () -> OptionRules.checkOutput(verify, Output.stream(OutputStream.nullOutputStream())))
        .isInstanceOfSatisfying(
            InvalidOptionsException.class,
            e -> {
              assertThat(e).hasMessage("verify reads the output back, so it needs a file Output");
              assertThat(e.message(o -> o == FlattenOptions.Option.OUTPUT ? "-o FILE" : "--verify"))
                  .isEqualTo("--verify reads the output back, so it needs -o FILE");
            });
    OptionRules.checkOutput(
        FlattenOptions.defaults(), Output.stream(OutputStream.nullOutputStream()));
  }

  @Test
  void rootfs_isNoLayoutDirectory() {
    FlattenOptions rootfs = builder("rootfs=true").build();

    OptionRules.checkOutput(rootfs, Output.file(Path.of("rootfs.tar")));
    assertThatThrownBy(() -> OptionRules.checkOutput(rootfs, Output.directory(Path.of("out"))))
        .isInstanceOf(InvalidOptionsException.class)
        .hasMessage("rootfs writes a tar, and a directory output is an OCI layout");
  }

  /** A builder set by {@code key=value} words. */
  private static FlattenOptions.Builder builder(String options) {
    FlattenOptions.Builder b = FlattenOptions.builder();
    for (String word : options.trim().isEmpty() ? new String[0] : options.trim().split(" ")) {
      String key = word.substring(0, word.indexOf('='));
      String value = word.substring(word.indexOf('=') + 1);
      switch (key) {
        case "keepBase" -> b.keepBase(Integer.parseInt(value));
        case "maxLayers" -> b.maxLayers(Integer.parseInt(value));
        case "threads" -> b.threads(Integer.parseInt(value));
        case "fromLayer" -> b.fromLayer(value);
        case "allImages" -> b.allImages(Boolean.parseBoolean(value));
        case "image" -> b.image(value);
        case "rootfs" -> b.rootfs(Boolean.parseBoolean(value));
        case "verify" -> b.verify(Boolean.parseBoolean(value));
        case "format" -> b.format(OutputFormat.parse(value));
        case "compression" -> b.compression(OutputCompression.parse(value));
        case "tag" -> b.tag(value);
        default -> throw new IllegalArgumentException(key);
      }
    }
    return b;
  }
}
