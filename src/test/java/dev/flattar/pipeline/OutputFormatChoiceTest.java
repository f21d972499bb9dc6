package dev.flattar.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.OutputFormat;
import dev.flattar.model.Platform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which format a run writes, and which platform manifest.json names (never the host's). */
class OutputFormatChoiceTest {
  @ParameterizedTest(name = "{0}, several platforms: {1} -> {2}")
  @CsvSource({
    "AUTO, false, DOCKER",
    "AUTO, true, BOTH",
    "OCI, true, OCI",
    "BOTH, false, BOTH",
    "DOCKER, false, DOCKER",
    "OCI, false, OCI",
  })
  void auto_isDockerOrBoth(OutputFormat asked, boolean multiPlatform, OutputFormat written) {
    assertThat(asked.resolve(multiPlatform)).isEqualTo(written);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "linux/amd64 linux/arm64/v8|0",
        "linux/arm64/v8 linux/amd64|1",
        "linux/arm/v7 linux/arm64/v8|0",
        "linux/amd64/v3 linux/arm64|0",
        "linux/amd64/v3 linux/amd64|1",
        "- linux/amd64|1",
        "-|0",
        "windows/amd64 linux/amd64|1",
      })
  void manifestJson_namesLinuxAmd64_elseTheFirst(String platforms, int chosen) {
    List<Platform> list = new ArrayList<>();
    for (String p : platforms.split(" ")) {
      list.add(p.equals("-") ? null : Platform.parse(p));
    }
    assertThat(OutputFormats.dockerPlatform(list)).isEqualTo(chosen);
  }
}
