package dev.flattar.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.FlatTarException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the squashed layer must delete from a kept base: {@link BaseMarkers} on its own, one
 * decision a row. The whole result is checked against engines by KeepBaseTest and the interop tier;
 * this table says why each marker is there.
 */
class BaseMarkersTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // case | kept | layers, oldest first, ';' between | markers in path order
        "a deleted file: a whiteout|1|f:a f:b;w:a|WHITEOUT:a",
        "a deleted directory: one whiteout, nothing below|1|d:a f:a/x f:a/y;w:a|WHITEOUT:a",
        "a deleted child: its whiteout only|1|d:a f:a/x f:a/y;w:a/x|WHITEOUT:a/x",
        "deleted and made again: opaque, never whiteout then directory|1|d:a f:a/x;w:a d:a f:a/z|OPAQUE:a",
        "an opaque marker over a base directory stays opaque|1|d:a f:a/x;o:a f:a/y|OPAQUE:a",
        "a file replacing a base directory needs no marker|1|d:a f:a/x;f:a|",
        "a directory replacing a base file needs no marker|1|f:a;d:a f:a/x|",
        "a base file under a made parent becomes a default directory|1|f:a;f:a/b|NEW_DIRECTORY:a",
        "a deleted base directory made again only as a parent|1|d:a f:a/x;w:a;f:a/y|OPAQUE_NEW_DIRECTORY:a",
        "a deleted then recreated file needs no marker|1|d:a f:a/x;w:a/x;f:a/x|",
        "a base made of parents only: deleted like any directory|1|f:x/y/z;w:x|WHITEOUT:x",
        "two kept layers, both deleted from|2|f:a;f:b;w:a w:b|WHITEOUT:a WHITEOUT:b",
        "nothing deleted, nothing marked|1|f:a;f:b|",
        "an opaque root over the base|1|f:a d:b;o: f:c|OPAQUE:",
      })
  void compute_marksWhatTheSquashedLayersRemovedFromTheBase(
      String rule, int keep, String layers, String markers) throws FlatTarException {
    Stack s = Stack.of(layers.split(";", -1));
    Visibility.Result whole = Visibility.resolve(s.indexes, s.tree, s.names);
    Visibility.Result base = Visibility.resolve(s.indexes.subList(0, keep), s.tree, s.names);

    Map<Integer, BaseMarkers.Kind> computed =
        BaseMarkers.compute(s.indexes, keep, s.tree, whole, base);

    List<String> written = new ArrayList<>();
    computed.forEach((node, kind) -> written.add(kind + ":" + s.tree.path(node)));
    assertThat(String.join(" ", written)).as(rule).isEqualTo(markers == null ? "" : markers);
  }
}
