package dev.flattar.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Reporter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which RepoTags the output gets. */
class OutputTagsTest {
  private final List<String> warnings = new ArrayList<>();
  private final Reporter reporter =
      new Reporter() {
        @Override
        public void warn(String message) {
          warnings.add(message);
        }

        @Override
        public void verbose(String message) {}
      };

  @Test
  void requestedTagsWin() {
    assertThat(OutputTags.choose(List.of("a:1", "a:1", "b:2"), List.of("src:1"), reporter))
        .containsExactly("a:1", "b:2");
  }

  @Test
  void sourceNames_normalisedOrDropped() {
    List<String> tags =
        OutputTags.choose(
            List.of(),
            List.of(
                "app",
                "app:latest",
                "BAD:1",
                "x@sha256:" + "0".repeat(64),
                "docker.io/library/app:2"),
            reporter);

    assertThat(tags).containsExactly("app:latest", "docker.io/library/app:2");
    assertThat(warnings).hasSize(2);
  }
}
