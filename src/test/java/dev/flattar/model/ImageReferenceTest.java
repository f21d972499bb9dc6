package dev.flattar.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RepoTags must parse as name:tag the way Docker's reference grammar does. */
class ImageReferenceTest {
  @ParameterizedTest
  @CsvSource({
    "busybox:latest, busybox, latest",
    "docker.io/library/busybox:latest, docker.io/library/busybox, latest",
    "host:5000/a/b:v1, host:5000/a/b, v1",
    "localhost/app:1.0, localhost/app, 1.0",
    "Example.COM/app:x, Example.COM/app, x",
    "a__b/c-d/e.f:T_1.2-3, a__b/c-d/e.f, T_1.2-3",
    "[::1]:5000/app:v, [::1]:5000/app, v"
  })
  void validTags(String text, String name, String tag) {
    ImageReference ref = ImageReference.parseOrNull(text);
    assertThat(ref).isNotNull();
    assertThat(ref.name()).isEqualTo(name);
    assertThat(ref.tag()).isEqualTo(tag);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "busybox",
        "UPPER:1",
        "app:",
        ":tag",
        "app@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        "a//b:1",
        "-app:1",
        "app-:1",
        "app:-tag",
        "host:5000/app",
        "app:tag with space",
        "app:.x"
      })
  void invalidTags(String text) {
    assertThat(ImageReference.parseOrNull(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"busybox, busybox:latest", "ok:2, ok:2", "host:5000/a, host:5000/a:latest"})
  void aBareNameMeansLatest(String text, String expected) {
    assertThat(ImageReference.parseWithDefaultTag(text)).hasToString(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "busybox, docker.io/library/busybox",
    "team/app, docker.io/team/app",
    "index.docker.io/library/busybox, docker.io/library/busybox",
    "quay.io/x/y, quay.io/x/y",
    "localhost/app, localhost/app"
  })
  void canonicalNames(String name, String canonical) {
    assertThat(new ImageReference(name, "t").canonicalName()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "busybox",
        "busybox:latest",
        "docker.io/library/busybox",
        "library/busybox:latest"
      })
  void familiarAndFullNamesMatch(String wanted) {
    assertThat(
            ImageReference.parseWithDefaultTag(wanted)
                .sameImageAs(ImageReference.parseOrNull("busybox:latest")))
        .isTrue();
  }
}
