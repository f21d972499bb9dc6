package dev.flattar.merge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path trie: one node per path, parents linked, paths given back byte for byte. */
class PathTreeTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a|a|''",
        "a/b|a/b|a",
        "a/b/c|a/b/c|a/b",
        "usr/lib/x86_64-linux-gnu/libc.so.6|usr/lib/x86_64-linux-gnu/libc.so.6|usr/lib/x86_64-linux-gnu",
        ".wh.x|.wh.x|''",
        "a b/ç|a b/ç|a b",
      })
  void node_givesItsPathAndItsParent(String path, String back, String parent) {
    PathTree tree = new PathTree();
    int node = tree.node(path);

    assertThat(tree.path(node)).isEqualTo(back);
    assertThat(tree.path(tree.parent(node))).isEqualTo(parent);
  }

  @Test
  void root_isTheEmptyPath_andHasNoParent() {
    PathTree tree = new PathTree();

    assertThat(tree.node("")).isEqualTo(PathTree.ROOT);
    assertThat(tree.path(PathTree.ROOT)).isEmpty();
    assertThat(tree.parent(PathTree.ROOT)).isNegative();
  }

  @Test
  void samePath_sameNode_andAncestorsAreMadeOnce() {
    PathTree tree = new PathTree();
    int deep = tree.node("a/b/c");
    int size = tree.size();

    assertThat(tree.node("a/b/c")).isEqualTo(deep);
    assertThat(tree.node("a/b")).isEqualTo(tree.parent(deep));
    assertThat(tree.size()).as("no new nodes for known paths").isEqualTo(size);
    assertThat(tree.node("a/bc")).isNotEqualTo(tree.parent(deep));
  }

  @Test
  void manyPaths_eachKeepsItsOwnNode() {
    PathTree tree = new PathTree();
    int[] nodes = new int[20_000];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = tree.node("d" + (i % 97) + "/f" + i);
    }
    for (int i = 0; i < nodes.length; i++) {
      assertThat(tree.path(nodes[i])).isEqualTo("d" + (i % 97) + "/f" + i);
    }
    assertThat(tree.size()).isEqualTo(1 + 97 + nodes.length);
  }
}
