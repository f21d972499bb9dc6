package dev.flattar.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which members survive, and which paths exist only because an unpacker made them as parents:
 * {@link Visibility} on its own, one rule a row (README, "Layer rules").
 */
class VisibilityTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // rule | layers, oldest first, separated by ';' | survivors per layer | implicit dirs
        "a file survives, its parents are made|f:a/b|f:a/b|a",
        "a newer file replaces an older one|f:a;f:a|-;f:a|",
        "a whiteout hides a lower file|f:a f:b;w:a|f:b;-|",
        "a whiteout hides a lower directory and all below it|d:a f:a/x f:a/y;w:a|-;-|",
        "a whiteout hides nothing of its own layer|w:a f:a|f:a|",
        "an opaque marker hides lower children only|d:a f:a/y;o:a f:a/x|d:a;f:a/x|",
        "an opaque marker after its layer's children still keeps them|d:a f:a/y;f:a/x o:a|d:a;f:a/x|",
        "a file replacing a directory takes its subtree|d:a f:a/x;f:a|-;f:a|",
        "a directory replacing a file|f:a;d:a f:a/x|-;d:a f:a/x|",
        "a directory replacing a symlink|s:l>t;d:l f:l/x|-;d:l f:l/x|",
        "a directory over a directory: the newer entry wins, children merge|d:a f:a/x;d:a f:a/y|f:a/x;d:a f:a/y|",
        "only a basename starting with .wh. is a whiteout|f:my.wh.x f:a.wh.b;-|f:my.wh.x f:a.wh.b;|",
        "a parent made for a deleted file stays|f:x/y/z;w:x/y/z|-;-|x x/y",
        "a whiteout's own parent is made too|-;w:p/q|-;-|p",
        "the later of two same-layer members wins|f:a d:b f:a|d:b f:a|",
        "a hard link survives its overwritten target|f:a h:b>a;f:a|h:b>a;f:a|",
        "a whiteout of a hard link's target keeps the link|f:a h:b>a;w:a|h:b>a;-|",
        "an opaque marker at the root hides every lower member|f:a d:b;o: f:c|-;f:c|",
      })
  void resolve_keepsWhatAnUnpackerWouldShow(
      String rule, String layers, String survivors, String implicit) throws FlatTarException {
    Stack s = Stack.of(layers.split(";", -1));

    Visibility.Result r = Visibility.resolve(s.indexes, s.tree, s.names);

    assertThat(survivors(s, r)).as(rule).isEqualTo(normalized(survivors, s.layers.size()));
    assertThat(implicit(s, r)).as(rule).isEqualTo(implicit == null ? "" : implicit);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "f:a f:a/b|'a/b' is below 'a', which an earlier member of layer 1 made",
        "h:l>f f:f f:l/x|",
      })
  void aMemberUnderAFileOfItsOwnLayer_isRefused(String layer, String unused) {
    assertThatThrownBy(
            () -> {
              Stack s = Stack.of(layer);
              Visibility.resolve(s.indexes, s.tree, s.names);
            })
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("layer 1");
  }

  private static String survivors(Stack s, Visibility.Result r) {
    List<String> perLayer = new ArrayList<>();
    for (int k = 0; k < s.layers.size(); k++) {
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < s.layers.get(k).size(); i++) {
        if (r.visible[k].get(i)) {
          kept.add(s.tokens.get(k).get(i));
        }
      }
      perLayer.add(String.join(" ", kept));
    }
    return String.join(";", perLayer);
  }

  /** Layers split at ';', an empty or '-' layer written as nothing. */
  private static String normalized(String perLayer, int layers) {
    List<String> out = new ArrayList<>();
    for (String layer : perLayer.split(";", -1)) {
      out.add(layer.trim().equals("-") ? "" : layer.trim());
    }
    while (out.size() < layers) {
      out.add("");
    }
    return String.join(";", out);
  }

  private static String implicit(Stack s, Visibility.Result r) {
    List<String> paths = new ArrayList<>();
    for (int node = PathTree.ROOT + 1; node < s.tree.size(); node++) {
      if (r.exists(node) && r.decidedBy(node) == 0) {
        paths.add(s.tree.path(node));
      }
    }
    return String.join(" ", paths);
  }
}
