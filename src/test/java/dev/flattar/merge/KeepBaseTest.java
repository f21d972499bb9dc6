package dev.flattar.merge;

import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.opaque;
import static dev.flattar.testing.Member.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.FlattenOptions;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Flatten;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.ReferenceTree;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * --keep-base N: the bottom N layers stay byte-identical and one new layer on top of them gives the
 * same filesystem as all the original layers. Every merge case is run with every possible N.
 */
class KeepBaseTest {
  static Stream<Arguments> casesWithBases() {
    return MergeSemanticsTest.cases()
        .flatMap(c -> IntStream.range(1, c.layers.size()).mapToObj(k -> Arguments.of(c, k)));
  }

  @ParameterizedTest(name = "{0}, keeping {1}")
  @MethodSource("casesWithBases")
  void keptLayersPlusTheNewOne_showTheOriginalTree(MergeCase c, int keep) throws Exception {
    byte[] archive = Archives.build(Archives.Layout.DOCKER, ImageSpec.of(c.layers).tags("case:1"));

    FlatArchive out =
        Flatten.run(archive, FlattenOptions.builder().keepBase(keep).build(), keep + 1);

    for (int i = 0; i < keep; i++) {
      assertThat(out.layers.get(i))
          .as("kept layer %d is byte-identical", i + 1)
          .isEqualTo(c.layers.get(i));
    }
    assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(c.layers).describe());
    assertNoWhiteoutThenRecreate(out.layer);
    JsonNode history = out.config.get("history");
    assertThat(history).hasSize(c.layers.size() + 1);
    for (int i = 0; i < c.layers.size(); i++) {
      assertThat(history.get(i).path("empty_layer").asBoolean(false))
          .as("history %d empty", i)
          .isEqualTo(i >= keep);
    }
  }

  @Test
  void deletedBaseSubtree_getsOneWhiteoutAtItsTop() throws Exception {
    byte[] base =
        Layers.tar(dir("a"), dir("a/b"), file("a/b/c", "c"), file("a/b/d", "d"), file("keep", "k"));
    byte[] upper = Layers.tar(whiteout("a"));
    byte[] later = Layers.tar(file("new", "n"));

    List<String> names = namesIn(keepOne(base, upper, later));

    assertThat(names).containsExactly(".wh.a", "new");
  }

  @Test
  void baseDirectoryDeletedAndRecreated_getsAnOpaqueMarkerNotAWhiteout() throws Exception {
    byte[] base = Layers.tar(dir("d"), file("d/old", "o"));
    byte[] upper = Layers.tar(whiteout("d"));
    byte[] later = Layers.tar(dir("d"), file("d/new", "n"));

    List<String> names = namesIn(keepOne(base, upper, later));

    assertThat(names).containsExactly("d/", "d/.wh..wh..opq", "d/new");
  }

  @Test
  void opaqueInAnUpperLayer_becomesAnOpaqueMarkerOnTheBaseDirectory() throws Exception {
    byte[] base = Layers.tar(dir("d"), file("d/old", "o"), file("d/other", "x"));
    byte[] upper = Layers.tar(dir("d"), opaque("d"), file("d/new", "n"));

    List<String> names = namesIn(keepOne(base, upper));

    assertThat(names).containsExactly("d/", "d/.wh..wh..opq", "d/new");
  }

  @Test
  void deletionsUnderAnAlreadyDeletedDirectory_needNoMoreMarkers() throws Exception {
    byte[] base =
        Layers.tar(dir("x"), file("x/1", "1"), file("x/2", "2"), dir("x/y"), file("x/y/3", "3"));
    byte[] upper = Layers.tar(whiteout("x/1"), whiteout("x/y"));
    byte[] later = Layers.tar(whiteout("x"));

    assertThat(namesIn(keepOne(base, upper, later))).containsExactly(".wh.x");
  }

  @Test
  void fromLayer_keepsUpToTheNamedLayer() throws Exception {
    byte[] l1 = Layers.tar(file("a", "a"));
    byte[] l2 = Layers.tar(file("b", "b"));
    byte[] l3 = Layers.tar(file("c", "c"));
    byte[] archive = Archives.build(Archives.Layout.DOCKER, ImageSpec.of(l1, l2, l3).tags("x:1"));
    String diffId = dev.flattar.model.Digest.of(l2).hex().substring(0, 12);

    FlatArchive byId = Flatten.run(archive, FlattenOptions.builder().fromLayer(diffId).build(), 3);
    FlatArchive byPosition =
        Flatten.run(archive, FlattenOptions.builder().fromLayer("2").build(), 3);

    assertThat(byId.layers.subList(0, 2)).containsExactly(l1, l2);
    assertThat(byPosition.layers.get(2)).isEqualTo(byId.layers.get(2));
  }

  private static FlatArchive keepOne(byte[]... layers) throws Exception {
    byte[] archive = Archives.build(Archives.Layout.DOCKER, ImageSpec.of(layers).tags("x:1"));
    FlatArchive out = Flatten.run(archive, FlattenOptions.builder().keepBase(1).build(), 2);
    assertThat(out.tree().describe()).isEqualTo(ReferenceTree.of(List.of(layers)).describe());
    return out;
  }

  private static List<String> namesIn(FlatArchive out) {
    List<String> names = new ArrayList<>();
    Layers.entries(out.layer).forEach(e -> names.add(e.name()));
    return names;
  }

  /**
   * A whiteout of a path followed, in the same layer, by something at or under that path is read
   * differently by naive and overlayfs unpackers; the new layer must never contain one.
   */
  static void assertNoWhiteoutThenRecreate(byte[] layer) {
    List<String> deleted = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (TarEntry e : Layers.entries(layer)) {
      String path = TarPaths.basename(e.name()).startsWith(".wh.") ? null : e.name();
      String base =
          TarPaths.basename(
              e.name().endsWith("/") ? e.name().substring(0, e.name().length() - 1) : e.name());
      if (path == null && !base.equals(".wh..wh..opq")) {
        String parent = TarPaths.parent(e.name());
        deleted.add((parent.isEmpty() ? "" : parent + "/") + base.substring(4));
      } else if (path != null) {
        present.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
      }
    }
    for (String d : deleted) {
      for (String p : present) {
        assertThat(p.equals(d) || p.startsWith(d + "/"))
            .as("%s whited out and then written again", d)
            .isFalse();
      }
    }
  }
}
