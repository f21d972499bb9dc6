package dev.flattar.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.FlatTarException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The new layer's members in the order they are written: markers for a kept base first, then the
 * squashed layers oldest first in archive order, parents before children, hard-link targets before
 * links, and made directories only where nothing below them is written.
 */
class PlanBuilderTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // case | kept | layers, oldest first, ';' between | members written, in order
        "a parent an unpacker makes is not written|0|f:a/b|f:a/b",
        "made parents that end up empty are written|0|f:x/y/z;w:x/y/z|d:x/ d:x/y/",
        "a newer directory entry comes before older children|0|f:a/x;d:a|d:a/ f:a/x",
        "whited-out members are not written|0|f:a f:b;w:a|f:b",
        "an opaque directory keeps its entry, loses lower children|0|d:a f:a/x;o:a f:a/y|d:a/ f:a/y",
        "a link whose target was overwritten holds the data, where the target was|0|f:a h:b>a;f:a|f:b f:a",
        "the other links point at the new holder|0|f:a h:b>a h:c>a;w:a|f:b h:c>b",
        "a link is never pointed at a newer file at the old path|0|f:a h:b>a;w:a;f:a|f:b f:a",
        "a path written twice in a layer is written once|0|f:a f:a|f:a",
        "symlinks are written as they are|0|s:l>t s:m>/abs|s:l>t s:m>/abs",
        "over a kept base, a whiteout for what the rest deleted|1|d:a f:a/x;w:a/x f:b|f:a/.wh.x f:b",
        "over a kept base, an opaque marker after its directory|1|d:a f:a/x;w:a d:a f:a/z|d:a/ f:a/.wh..wh..opq f:a/z",
        "over a kept base, directories it has are not repeated|1|d:a f:a/x;f:a/y|f:a/y",
      })
  void build_writesTheMembersInThisOrder(String rule, int keep, String layers, String written)
      throws FlatTarException {
    Stack s = Stack.of(layers.split(";", -1));

    Plan plan =
        Merger.merge(s.layers, s.names, new MergeSettings(keep, Long.MAX_VALUE, MergeLog.NONE));

    List<String> members = new ArrayList<>();
    for (PlannedEntry p : plan.entries()) {
      members.add(Stack.describe(plan.header(p)));
    }
    assertThat(String.join(" ", members)).as(rule).isEqualTo(written);
  }
}
