package dev.flattar.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.Digest;
import dev.flattar.model.InvalidImageException;
import dev.flattar.testing.TestJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Choosing one image of several. */
class ImageSelectionTest {
  static final SourceImage BUSYBOX = image("aa11", "busybox:latest");
  static final SourceImage APP = image("bb22", "registry.example.com/team/app:1.0");
  static final SourceImage UNTAGGED = image("bb33");
  static final List<SourceImage> ALL = List.of(BUSYBOX, APP, UNTAGGED);

  @ParameterizedTest
  @CsvSource({
    "busybox, aa11",
    "busybox:latest, aa11",
    "docker.io/library/busybox, aa11",
    "registry.example.com/team/app:1.0, bb22",
    "sha256:aa11, aa11",
    "bb33, bb33",
    "BB33, bb33"
  })
  void byTagOrIdPrefix(String wanted, String idPrefix) throws Exception {
    assertThat(one(ALL, wanted).id().hex()).startsWith(idPrefix);
  }

  @Test
  void ambiguousPrefix_listsTheMatches() {
    assertThatThrownBy(() -> one(ALL, "bb"))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("has no image 'bb'");
    assertThatThrownBy(() -> one(ALL, "sha256:bb")).isInstanceOf(InvalidImageException.class);
  }

  @Test
  void noChoiceWithSeveralImages_listsThem() {
    assertThatThrownBy(() -> one(ALL, null))
        .hasMessage(
            "x.tar holds 3 images; choose one with --image: busybox:latest (aa1100000000), registry.example.com/team/app:1.0 (bb2200000000), sha256:bb33"
                + "0".repeat(60));
  }

  @Test
  void aPrefixMatchingTwoImages_isAnError() {
    List<SourceImage> twins = List.of(image("cc11aa"), image("cc11bb"));

    assertThatThrownBy(() -> one(twins, "cc11"))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("--image 'cc11' matches 2 images");
  }

  /** The one image {@code wanted} chooses (one platform each here). */
  private static SourceImage one(List<SourceImage> images, String wanted) throws Exception {
    return ImageSelection.select(
            images.stream().map(ArchiveImage::of).toList(), wanted, List.of(), false, "x.tar")
        .get(0)
        .platforms()
        .get(0);
  }

  private static SourceImage image(String idPrefix, String... tags) {
    Digest id = new Digest((idPrefix + "0".repeat(64)).substring(0, 64));
    return new SourceImage(
        id, TestJson.MAPPER.createObjectNode(), List.of(tags), List.of(), "test");
  }
}
