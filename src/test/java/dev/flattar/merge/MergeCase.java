package dev.flattar.merge;

import dev.flattar.model.Digest;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A merge scenario: layers built from members, and what the merged filesystem must hold, written by
 * hand (the reference unpacker is checked too, so a case states the rule twice).
 */
final class MergeCase {
  final String name;
  final List<byte[]> layers = new ArrayList<>();
  Set<String> paths;
  final Map<String, String> contents = new LinkedHashMap<>();
  final List<List<String>> sameInode = new ArrayList<>();
  final List<List<String>> differentInode = new ArrayList<>();

  private MergeCase(String name) {
    this.name = name;
  }

  static MergeCase named(String name) {
    return new MergeCase(name);
  }

  MergeCase layer(Member... members) {
    layers.add(Layers.tar(members));
    return this;
  }

  /** The exact set of paths of the merged filesystem, root excluded. */
  MergeCase paths(String... expected) {
    paths = new TreeSet<>(List.of(expected));
    return this;
  }

  MergeCase content(String path, String text) {
    contents.put(path, Digest.of(text.getBytes(StandardCharsets.UTF_8)).shortHex());
    return this;
  }

  MergeCase sameInode(String... group) {
    sameInode.add(List.of(group));
    return this;
  }

  MergeCase differentInode(String a, String b) {
    differentInode.add(List.of(a, b));
    return this;
  }

  @Override
  public String toString() {
    return name;
  }
}
