package dev.flattar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --platform} values, and which image platforms they choose, as containerd matches. */
class PlatformTest {
  @ParameterizedTest(name = "--platform {0} vs image {1}: {2}")
  @CsvSource({
    "linux/amd64, linux/amd64, true",
    "linux/amd64, linux/amd64/v3, true",
    "linux/amd64, linux/x86_64, true",
    "linux/amd64/v3, linux/amd64/v3, true",
    "linux/amd64/v3, linux/amd64, false",
    "linux/amd64/v1, linux/amd64, true",
    "linux/arm64, linux/arm64/v8, true",
    "linux/arm64, linux/arm64, true",
    "linux/arm64, linux/aarch64, true",
    "linux/arm64/v8, linux/arm64, true",
    "linux/arm64, linux/arm64/v9, false",
    "linux/arm, linux/arm/v7, true",
    "linux/arm, linux/arm/v6, false",
    "linux/arm/v6, linux/arm/v6, true",
    "linux/arm/v7, linux/armhf, true",
    "linux/arm/v6, linux/armel, true",
    "linux/arm/7, linux/arm/v7, true",
    "linux/386, linux/i386, true",
    "linux/amd64, linux/arm64, false",
    "linux/amd64, windows/amd64, false",
    "linux/arm64, linux/arm/v8, false",
    "linux/s390x, linux/s390x, true",
    "linux/ppc64le, linux/ppc64le, true",
  })
  void matches_likeContainerd(String wanted, String image, boolean chosen) {
    assertThat(Platform.parse(wanted).matches(Platform.parse(image))).isEqualTo(chosen);
  }

  @ParameterizedTest
  @ValueSource(strings = {"linux", "linux/", "/amd64", "linux/arm64/v8/x", "linux//v8", ""})
  void parse_refusesWhatIsNotOsArchVariant(String text) {
    assertThatThrownBy(() -> Platform.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid platform '" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"Linux/ARM64/V8, linux/arm64/v8", "linux/amd64, linux/amd64"})
  void parse_writesBackAsGiven_lowerCase(String text, String written) {
    assertThat(Platform.parse(text)).hasToString(written);
  }
}
