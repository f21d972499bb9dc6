package dev.flattar.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Difference;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of difference between two merged filesystems, planted in one path. */
class TreeDifferencesTest {
  static final FsEntry FILE = new FsEntry("file", 0644, 0, 0, "100", 5, "sha256:aa", Map.of(), "");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "content|content|sha256:aa|sha256:bb",
        "size|size|5|6",
        "mode|mode|0644|0755",
        "owner|owner|0:0|1000:1000",
        "type|type|file|symlink",
        "mtime|mtime|100|101",
        "sub-second mtime|mtime|100|100.000000001",
        "an xattr|SCHILY.xattr.security.capability|01|02",
        "an xattr gone|SCHILY.xattr.user.x|01|",
        "hard links|hard links|a, b|",
      })
  void aPlantedDifference_isReportedWithBothValues(
      String what, String field, String first, String second) {
    FsEntry a = with(FILE, field, first);
    FsEntry b = with(FILE, field, second == null ? "" : second);

    List<Difference> d = TreeDifferences.of(tree("x", a), tree("x", b), false);

    assertThat(d).as(what).hasSize(1);
    assertThat(d.get(0).kind()).isEqualTo(Difference.Kind.CHANGED);
    assertThat(d.get(0).path()).isEqualTo("x");
    assertThat(d.get(0).fields())
        .containsExactly(new Difference.Field(field, first, second == null ? "" : second));
  }

  @ParameterizedTest
  @CsvSource({"false, 1", "true, 0"})
  void mtimes_canBeLeftOut(boolean ignore, int differences) {
    FsEntry later = with(FILE, "mtime", "200");

    assertThat(TreeDifferences.of(tree("x", FILE), tree("x", later), ignore)).hasSize(differences);
  }

  @Test
  void aParentNoMemberNames_hasNoMtimeToCompare() {
    FsEntry made = new FsEntry("dir", 0755, 0, 0, "", 0, "", Map.of(), "");
    FsEntry written = new FsEntry("dir", 0755, 0, 0, "0", 0, "", Map.of(), "");

    assertThat(TreeDifferences.of(tree("d", made), tree("d", written), false)).isEmpty();
  }

  @Test
  void pathsOnOneSide_areAddedOrRemoved_inPathOrder() {
    Map<String, FsEntry> a = tree("a", FILE);
    a.put("m", FILE);
    Map<String, FsEntry> b = tree("b", FILE);
    b.put("m", FILE);

    assertThat(TreeDifferences.of(a, b, false))
        .extracting(d -> d.kind() + " " + d.path())
        .containsExactly("REMOVED a", "ADDED b");
  }

  private static Map<String, FsEntry> tree(String path, FsEntry e) {
    Map<String, FsEntry> t = new TreeMap<>();
    t.put(path, e);
    return t;
  }

  private static FsEntry with(FsEntry e, String field, String value) {
    return switch (field) {
      case "content" ->
          new FsEntry(
              e.type(),
              e.mode(),
              e.uid(),
              e.gid(),
              e.mtime(),
              e.size(),
              value,
              e.xattrs(),
              e.linkGroup());
      case "size" ->
          new FsEntry(
              e.type(),
              e.mode(),
              e.uid(),
              e.gid(),
              e.mtime(),
              Long.parseLong(value),
              e.content(),
              e.xattrs(),
              e.linkGroup());
      case "mode" ->
          new FsEntry(
              e.type(),
              Integer.parseInt(value, 8),
              e.uid(),
              e.gid(),
              e.mtime(),
              e.size(),
              e.content(),
              e.xattrs(),
              e.linkGroup());
      case "owner" -> {
        String[] ids = value.split(":");
        yield new FsEntry(
            e.type(),
            e.mode(),
            Long.parseLong(ids[0]),
            Long.parseLong(ids[1]),
            e.mtime(),
            e.size(),
            e.content(),
            e.xattrs(),
            e.linkGroup());
      }
      case "type" ->
          new FsEntry(
              value,
              e.mode(),
              e.uid(),
              e.gid(),
              e.mtime(),
              e.size(),
              e.content(),
              e.xattrs(),
              e.linkGroup());
      case "mtime" ->
          new FsEntry(
              e.type(),
              e.mode(),
              e.uid(),
              e.gid(),
              value,
              e.size(),
              e.content(),
              e.xattrs(),
              e.linkGroup());
      case "hard links" ->
          new FsEntry(
              e.type(),
              e.mode(),
              e.uid(),
              e.gid(),
              e.mtime(),
              e.size(),
              e.content(),
              e.xattrs(),
              value);
      default ->
          new FsEntry(
              e.type(),
              e.mode(),
              e.uid(),
              e.gid(),
              e.mtime(),
              e.size(),
              e.content(),
              value.isEmpty() ? Map.of() : Map.of(field, value),
              e.linkGroup());
    };
  }
}
