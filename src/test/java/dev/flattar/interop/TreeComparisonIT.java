package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The instrument itself: on a real directory tree, the walker plus the comparison report every kind
 * of difference the tier claims to check (type, all mode bits, owner, mtime seconds, content,
 * symlink target, device numbers, xattrs including security.capability, hard-link groups, missing
 * and extra paths), and nothing else.
 */
class TreeComparisonIT {
  Path dir;
  Path root;

  @BeforeAll
  static void requireTools() {
    Tools.require("TreeComparisonIT", List.of("python3", "setfattr", "mknod", "mkfifo"));
  }

  @BeforeEach
  void buildTree() throws IOException {
    dir = Files.createTempDirectory("flattar-it-tree-");
    root = Files.createDirectory(dir.resolve("root"));
    Files.writeString(root.resolve("file"), "content-1");
    Files.writeString(root.resolve("h1"), "linked");
    Files.createLink(root.resolve("h2"), root.resolve("h1"));
    Files.createDirectory(root.resolve("d"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("file"));
    Cmd.ok("mknod", root.resolve("dev").toString(), "c", "1", "3");
    Cmd.ok("chmod", "0644", root.resolve("file").toString(), root.resolve("h1").toString());
    Cmd.ok("chmod", "0755", root.resolve("d").toString());
    Cmd.ok("touch", "-h", "-d", "@1700000000.25", root.resolve("file").toString());
  }

  @AfterEach
  void remove() {
    Cmd.removeTree(dir);
  }

  @Test
  void theSameTreeWalkedTwice_hasNoDifferences() {
    assertThat(TreeDiff.differences(walk(), walk(), Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void everyComparedProperty_isReported() {
    assertReports("mode 0644 != 4755", "chmod", "4755", "file");
    assertReports("uid 0 != 1234; gid 0 != 5678", "chown", "1234:5678", "file");
    assertReports("mtime 1700000000 != 1600000000", "touch", "-d", "@1600000000", "file");
    assertReports("data sha256:", "sh", "-c", "printf content-2 > file");
    assertReports("data file != h1", "ln", "-sfn", "h1", "link");
    assertReports("data 1,3 != 1,5", "sh", "-c", "rm dev && mknod dev c 1 5");
    assertReports("type c != p", "sh", "-c", "rm dev && mkfifo dev");
    assertReports(
        "xattrs - != security.capability=0x0100000200200000",
        "setfattr",
        "-n",
        "security.capability",
        "-v",
        "0x0100000200200000000000000000000000000000",
        "file");
    assertReports("xattrs - != user.k=\"v\"", "setfattr", "-n", "user.k", "-v", "v", "d");
    assertReports("hard-link group h1 != -", "sh", "-c", "cp h2 t && mv t h2");
    assertReports("- d  only in", "rmdir", "d");
    assertReports("+ new  only in", "mkdir", "new");
  }

  @Test
  void subSecondMtimes_areNotCompared() {
    Tree before = walk();
    Cmd.ok("touch", "-h", "-d", "@1700000000.75", root.resolve("file").toString());
    assertThat(TreeDiff.differences(before, walk(), Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void aDirectoryTheUnpackerMadeUp_mayDifferOnlyInItsUnpackTime() {
    Cmd.ok("touch", "-d", "@2000000000", root.resolve("d").toString());
    Tree before = walk();
    Cmd.ok("touch", "-d", "@2000000005", root.resolve("d").toString());
    assertThat(TreeDiff.differences(before, walk(), 2000000000L)).isEmpty();
    assertThat(TreeDiff.differences(before, walk(), 2000000001L)).hasSize(1);
    Cmd.ok("chmod", "0700", root.resolve("d").toString());
    assertThatThrownBy(() -> TreeDiff.assertSame("case", before, walk(), 2000000000L))
        .hasMessageContaining("~ d  mode 0755 != 0700");
  }

  private void assertReports(String expected, String... command) {
    Tree before = walk();
    Cmd.run(List.of(command), java.util.Map.of(), Cmd.DEFAULT_LIMIT, root.toFile()).orFail();
    assertThatThrownBy(() -> TreeDiff.assertSame("case", before, walk(), Long.MAX_VALUE))
        .as("after %s", String.join(" ", command))
        .hasMessageContaining(expected);
  }

  private Tree walk() {
    return TreeWalk.walk(root, "tree");
  }
}
