package dev.flattar.merge;

import dev.flattar.model.Digest;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
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

  /** Path, then how its line in the merged tree shows an xattr, then whether it must be there. */
  final List<XattrExpectation> xattrs = new ArrayList<>();

  record XattrExpectation(String path, String shown, boolean present) {}

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

  /** The merged {@code path} has xattr {@code name} set to {@code value}. */
  MergeCase xattr(String path, String name, String value) {
    String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.ISO_8859_1));
    xattrs.add(new XattrExpectation(path, " SCHILY.xattr." + name + "=" + hex, true));
    return this;
  }

  /** The merged {@code path} has no xattr {@code name}. */
  MergeCase noXattr(String path, String name) {
    xattrs.add(new XattrExpectation(path, " SCHILY.xattr." + name + "=", false));
    return this;
  }

  @Override
  public String toString() {
    return name;
  }
}
