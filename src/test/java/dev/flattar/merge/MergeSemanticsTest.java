package dev.flattar.merge;

import static dev.flattar.testing.Member.charDevice;
import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.fifo;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.hardlink;
import static dev.flattar.testing.Member.opaque;
import static dev.flattar.testing.Member.symlink;
import static dev.flattar.testing.Member.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Flatten;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.LayerChecks;
import dev.flattar.testing.ReferenceTree;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer rule of FORMAT.md section 3, end to end: each case is flattened through the public
 * API, and the output must (1) hold exactly what the case says, (2) unpack to the same tree as the
 * input layers applied one by one by the reference unpacker, (3) be well formed.
 */
class MergeSemanticsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.flattar.merge.MergeSemanticsTest#cases")
  void flattenedLayerMatchesTheRule(MergeCase c) throws Exception {
    byte[] archive = Archives.build(Archives.Layout.DOCKER, ImageSpec.of(c.layers).tags("case:1"));
    FlatArchive out = Flatten.run(archive);

    LayerChecks.assertWellFormed(out.layer);
    Map<String, String> merged = out.tree().describe();
    Map<String, String> reference = ReferenceTree.of(c.layers).describe();
    assertThat(merged).as("flattened tree vs reference unpacker").isEqualTo(reference);

    TreeSet<String> paths = new TreeSet<>(merged.keySet());
    paths.remove("");
    assertThat(paths).as("paths").isEqualTo(c.paths);
    c.contents.forEach(
        (path, sha) ->
            assertThat(merged.get(path)).as("content of %s", path).contains("sha=" + sha));
    for (List<String> group : c.sameInode) {
      String inode = inodeOf(merged, group.get(0));
      for (String p : group) {
        assertThat(inodeOf(merged, p))
            .as("%s shares an inode with %s", p, group.get(0))
            .isEqualTo(inode);
      }
    }
    for (List<String> pair : c.differentInode) {
      assertThat(inodeOf(merged, pair.get(0))).isNotEqualTo(inodeOf(merged, pair.get(1)));
    }
    for (MergeCase.XattrExpectation x : c.xattrs) {
      assertThat(merged.get(x.path())).as("%s exists", x.path()).isNotNull();
      String line = merged.get(x.path()) + " ";
      if (x.present()) {
        assertThat(line).as("xattrs of %s", x.path()).contains(x.shown() + " ");
      } else {
        assertThat(line).as("xattrs of %s", x.path()).doesNotContain(x.shown());
      }
    }
  }

  private static String inodeOf(Map<String, String> tree, String path) {
    String line = tree.get(path);
    assertThat(line).as("%s exists", path).isNotNull().contains("inode=");
    return line.substring(line.indexOf("inode=")).split(" ")[0];
  }

  static Stream<MergeCase> cases() {
    return Stream.of(
        MergeCase.named("whiteout deletes a lower file only")
            .layer(dir("a"), file("a/x", "x"), file("a/y", "y"))
            .layer(whiteout("a/x"))
            .paths("a", "a/y"),
        MergeCase.named("whiteout deletes a lower directory and its subtree")
            .layer(dir("d"), dir("d/e"), file("d/e/f", "f"), file("keep", "k"))
            .layer(whiteout("d"))
            .paths("keep"),
        MergeCase.named("whiteout before a same-layer file leaves the new file")
            .layer(file("x", "old"))
            .layer(whiteout("x"), file("x", "new"))
            .paths("x")
            .content("x", "new"),
        MergeCase.named("whiteout after a same-layer file leaves the new file")
            .layer(file("x", "old"))
            .layer(file("x", "new"), whiteout("x"))
            .paths("x")
            .content("x", "new"),
        MergeCase.named("whiteout of a directory keeps same-layer children")
            .layer(dir("d"), file("d/old", "o"))
            .layer(whiteout("d"), dir("d"), file("d/new", "n"))
            .paths("d", "d/new"),
        MergeCase.named("whiteout then recreate in a later layer")
            .layer(dir("a"), file("a/foo", "foo"), dir("b"), file("b/bar", "bar"))
            .layer(whiteout("a"))
            .layer(dir("a"), file("a/baz", "baz"))
            .paths("a", "a/baz", "b", "b/bar"),
        MergeCase.named("whiteout of something absent deletes nothing but makes its directory")
            .layer(file("f", "f"))
            .layer(whiteout("nothing/here"), whiteout("g"))
            .paths("f", "nothing"),
        MergeCase.named("opaque marker first hides lower children, keeps the layer's own")
            .layer(dir("d"), file("d/old", "o"), dir("d/sub"), file("d/sub/x", "x"))
            .layer(dir("d").mode(0700), opaque("d"), file("d/new", "n"))
            .paths("d", "d/new"),
        MergeCase.named("opaque marker after the layer's own children keeps them")
            .layer(dir("d"), file("d/old", "o"))
            .layer(dir("d"), file("d/new", "n"), dir("d/sub"), file("d/sub/y", "y"), opaque("d"))
            .paths("d", "d/new", "d/sub", "d/sub/y"),
        MergeCase.named("opaque marker at the root hides every lower path")
            .layer(dir("etc"), file("etc/a", "a"), file("top", "t"))
            .layer(opaque(""), file("only", "o"))
            .paths("only"),
        MergeCase.named("opaque then a newer whiteout")
            .layer(dir("d"), file("d/a", "a"))
            .layer(dir("d"), opaque("d"), file("d/b", "b"), file("d/c", "c"))
            .layer(whiteout("d/b"))
            .paths("d", "d/c"),
        MergeCase.named(".wh. is special only as a basename prefix")
            .layer(
                dir("my.wh.dir"),
                file("my.wh.dir/f", "f"),
                file("foo.wh.bar", "b"),
                file(".whatever", "w"),
                file("a.wh.", "z"))
            .layer(file("x.wh.y", "y"))
            .paths("my.wh.dir", "my.wh.dir/f", "foo.wh.bar", ".whatever", "a.wh.", "x.wh.y"),
        MergeCase.named("file replaced by a directory")
            .layer(file("p", "file"))
            .layer(dir("p"), file("p/c", "c"))
            .paths("p", "p/c"),
        MergeCase.named("directory replaced by a file drops the lower subtree")
            .layer(dir("p"), file("p/c", "c"), dir("p/d"), file("p/d/e", "e"))
            .layer(file("p", "now a file"))
            .paths("p")
            .content("p", "now a file"),
        MergeCase.named("symlink replaced by a directory")
            .layer(dir("t"), file("t/in-target", "t"), symlink("s", "t"))
            .layer(dir("s"), file("s/x", "x"))
            .paths("t", "t/in-target", "s", "s/x"),
        MergeCase.named("directory replaced by a symlink drops the lower subtree")
            .layer(dir("s"), file("s/x", "x"), dir("elsewhere"))
            .layer(symlink("s", "elsewhere"))
            .paths("s", "elsewhere"),
        MergeCase.named("directory to file to directory keeps only the newest children")
            .layer(dir("a"), file("a/x", "x"))
            .layer(file("a", "f"))
            .layer(dir("a"), file("a/y", "y"))
            .paths("a", "a/y"),
        MergeCase.named("directory metadata comes from the newest layer, children merge")
            .layer(dir("d").mode(0755), file("d/lower", "l"))
            .layer(
                dir("d").mode(01770).owner(1000, 1001, "app", "staff").mtime(1_700_000_000L, 5),
                file("d/upper", "u"))
            .paths("d", "d/lower", "d/upper"),
        MergeCase.named("./ and / prefixes and trailing slashes name the same path")
            .layer(dir("./a/"), file("./a/b", "one"), file("/c", "c"), dir("/e//"))
            .layer(file("a/b", "two"), dir("e"), file("/e/./f", "f"))
            .paths("a", "a/b", "c", "e", "e/f")
            .content("a/b", "two"),
        MergeCase.named("the root entry ./ keeps its metadata")
            .layer(dir("./").mode(0700), file("f", "f"))
            .layer(file("g", "g"))
            .paths("f", "g"),
        MergeCase.named("AUFS metadata at the layer root is skipped")
            .layer(
                file(".wh..wh.aufs", ""), dir(".wh..wh.orph"), dir(".wh..wh.plnk"), file("a", "a"))
            .layer(dir(".wh..wh.orph"), file("b", "b"))
            .paths("a", "b"),
        MergeCase.named("a later duplicate in one layer wins")
            .layer(file("f", "one"), file("f", "two"))
            .paths("f")
            .content("f", "two"),
        MergeCase.named("a later file in one layer removes an earlier subtree at its path")
            .layer(dir("a"), file("a/x", "x"), file("a", "file"))
            .paths("a")
            .content("a", "file"),
        MergeCase.named("overwrite in a newer layer")
            .layer(file("f", "old"), file("g", "g"))
            .layer(file("f", "new"))
            .paths("f", "g")
            .content("f", "new"),
        MergeCase.named("deleted then re-added in a newer layer")
            .layer(file("f", "v1"))
            .layer(whiteout("f"))
            .layer(file("f", "v3"))
            .paths("f")
            .content("f", "v3"),
        MergeCase.named("a directory made as a parent stays when what is in it is deleted")
            .layer(file("a/x", "x"), file("b/c/y", "y"))
            .layer(whiteout("a/x"), whiteout("b/c/y"))
            .paths("a", "b", "b/c"),
        MergeCase.named("an opaque marker makes its directory")
            .layer(file("a/x", "x"))
            .layer(opaque("a"), opaque("n/m"))
            .paths("a", "n", "n/m"),
        MergeCase.named("a deleted directory made again as a parent, then emptied")
            .layer(dir("a").mode(0700), file("a/f", "f"), dir("a/b").mode(0711), file("a/b/o", "o"))
            .layer(whiteout("a"), file("a/b/g", "g"))
            .layer(whiteout("a/b/g"))
            .paths("a", "a/b"),
        MergeCase.named("a deleted file made again as a directory by a parent, then emptied")
            .layer(file("a", "a file"))
            .layer(whiteout("a"), file("a/x", "x"))
            .layer(whiteout("a/x"))
            .paths("a"),
        MergeCase.named("a parent made under a deleted directory is gone with it")
            .layer(file("a/b/x", "x"))
            .layer(whiteout("a/b/x"))
            .layer(whiteout("a"))
            .paths(),
        MergeCase.named("a parent a layer makes replaces a lower layer's file")
            .layer(file("etc", "a file"), file("keep", "k"))
            .layer(file("etc/b", "b"))
            .paths("etc", "etc/b", "keep"),
        MergeCase.named("a parent a layer makes replaces a lower layer's symlink")
            .layer(dir("real").mode(0711), file("real/r", "r"), symlink("etc", "real"))
            .layer(file("etc/b", "b"))
            .paths("real", "real/r", "etc", "etc/b"),
        MergeCase.named("a lower file made a parent two levels up")
            .layer(dir("a").mode(0700), file("a/f", "f"))
            .layer(file("a/f/g/h", "h"))
            .paths("a", "a/f", "a/f/g", "a/f/g/h"),
        MergeCase.named("a parent made for a whiteout replaces a lower file, and stays")
            .layer(file("etc", "a file"))
            .layer(whiteout("etc/x"))
            .paths("etc"),
        MergeCase.named("a lower directory keeps its metadata when a newer layer only fills it")
            .layer(dir("etc").mode(0700).owner(7, 8, "u", "g"), file("etc/a", "a"))
            .layer(file("etc/b", "b"))
            .paths("etc", "etc/a", "etc/b"),
        MergeCase.named("a file, then a directory at its path, then a member in it, in one layer")
            .layer(file("etc", "a file"), dir("etc"), file("etc/b", "b"))
            .paths("etc", "etc/b"),
        MergeCase.named("parents created implicitly stay implicit")
            .layer(file("x/y/z", "z"))
            .layer(file("x/y/w", "w"))
            .paths("x", "x/y", "x/y/z", "x/y/w"),
        MergeCase.named("special files and metadata survive")
            .layer(
                dir("dev"),
                charDevice("dev/null", 1, 3),
                charDevice("dev/big", 4095, 1048575),
                fifo("run.fifo"),
                file("bin/ping", "ping")
                    .mode(04755)
                    .xattr(
                        "security.capability",
                        new byte[] {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                file("bin/sgid", "s")
                    .mode(02711)
                    .owner(3_000_000, 4_000_000, "a-very-long-user-name-beyond-32-chars", "g"),
                dir("tmp").mode(01777).xattr("user.note", "hello"),
                file("t", "t").mtime(1_234_567_890L, 123_456_789),
                file("old", "o").mtime(-86_400L * 365, 0))
            .layer(
                file("bin/ping", "ping2")
                    .mode(04755)
                    .xattr("security.capability", new byte[] {1, 0, 0, 2}))
            .paths(
                "dev",
                "dev/null",
                "dev/big",
                "run.fifo",
                "bin",
                "bin/ping",
                "bin/sgid",
                "tmp",
                "t",
                "old")
            .content("bin/ping", "ping2"),
        MergeCase.named("overlayfs's own xattrs are dropped, every other xattr kept")
            .layer(
                dir("etc").xattr("trusted.overlay.opaque", "y"),
                file("etc/conf", "c")
                    .xattr("trusted.overlay.origin", "o")
                    .xattr("security.capability", new byte[] {1, 0, 0, 2})
                    .xattr("trusted.other", "t"))
            .layer(file("etc/more", "m").xattr("trusted.overlay.redirect", "r"))
            .paths("etc", "etc/conf", "etc/more")
            .content("etc/conf", "c"),
        MergeCase.named("long and non-UTF-8 names")
            .layer(
                file("d/" + "n".repeat(120) + "/" + "m".repeat(200), "long"),
                file("d/" + "é日本😀", "utf8"),
                file("latin", "raw").named("d/caf\u00e9\u00ff"),
                symlink("d/lnk", "/" + "t".repeat(300)))
            .layer(file("d/" + "é日本😀", "utf8 again"))
            .paths(
                "d",
                "d/" + "n".repeat(120),
                "d/" + "n".repeat(120) + "/" + "m".repeat(200),
                "d/é日本😀",
                "d/caf\ufffd\ufffd",
                "d/lnk")
            .content("d/é日本😀", "utf8 again"),
        MergeCase.named("hard-link group survives whole")
            .layer(file("a", "data"), hardlink("b", "a"), hardlink("c", "a"))
            .paths("a", "b", "c")
            .sameInode("a", "b", "c"),
        MergeCase.named("hard links keep the old data when the holder is deleted")
            .layer(file("a", "old"), hardlink("b", "a"), hardlink("c", "a"))
            .layer(whiteout("a"))
            .paths("b", "c")
            .content("b", "old")
            .sameInode("b", "c"),
        MergeCase.named("hard links keep the old data when the holder is overwritten")
            .layer(file("a", "old"), hardlink("b", "a"))
            .layer(file("a", "new"))
            .paths("a", "b")
            .content("a", "new")
            .content("b", "old")
            .differentInode("a", "b"),
        MergeCase.named("hard links are not re-pointed at a recreated holder path")
            .layer(
                dir("d"),
                file("d/a", "old"),
                dir("e"),
                hardlink("e/b", "d/a"),
                hardlink("e/c", "d/a"))
            .layer(whiteout("d/a"))
            .layer(file("d/a", "new"))
            .paths("d", "d/a", "e", "e/b", "e/c")
            .content("d/a", "new")
            .content("e/b", "old")
            .sameInode("e/b", "e/c")
            .differentInode("d/a", "e/b"),
        MergeCase.named("a whole hidden group vanishes")
            .layer(file("a", "x"), hardlink("b", "a"), file("keep", "k"))
            .layer(whiteout("a"), whiteout("b"))
            .paths("keep"),
        MergeCase.named("a link to a link joins the same group")
            .layer(file("a", "data"), hardlink("b", "a"), hardlink("c", "b"))
            .layer(whiteout("a"))
            .paths("b", "c")
            .sameInode("b", "c")
            .content("c", "data"),
        MergeCase.named("a link names the member at its target path at that point")
            .layer(file("a", "one"), hardlink("b", "a"), file("a", "two"), hardlink("c", "a"))
            .paths("a", "b", "c")
            .content("b", "one")
            .content("a", "two")
            .sameInode("a", "c")
            .differentInode("a", "b"),
        MergeCase.named("when the holder and the first link are gone the next link holds the data")
            .layer(file("a", "data"), hardlink("b", "a"), hardlink("c", "a"), hardlink("d", "a"))
            .layer(whiteout("a"), whiteout("b"))
            .paths("c", "d")
            .content("c", "data")
            .sameInode("c", "d"),
        MergeCase.named("links under a directory replaced by a file vanish")
            .layer(file("a", "data"), dir("d"), hardlink("d/b", "a"))
            .layer(file("d", "file"))
            .paths("a", "d"),
        MergeCase.named("a new holder in a directory written later still follows its parent")
            .layer(dir("x"), file("x/a", "data"), dir("y").mode(0700), hardlink("y/b", "x/a"))
            .layer(whiteout("x"))
            .paths("y", "y/b")
            .content("y/b", "data"),
        MergeCase.named("AUFS hard links become copies of the plnk data, as Docker unpacks them")
            .layer(
                dir(".wh..wh.plnk"),
                file(".wh..wh.plnk/1234.5678", "aufs data"),
                hardlink("a", ".wh..wh.plnk/1234.5678"),
                hardlink("b", ".wh..wh.plnk/1234.5678"))
            .paths("a", "b")
            .content("a", "aufs data")
            .content("b", "aufs data")
            .differentInode("a", "b"),
        MergeCase.named(
                "links whose headers differ: the inode ends with the last member's metadata")
            .layer(
                file("bin/busybox", "bb").mode(0755).mtime(1_000, 0),
                hardlink("bin/sh", "bin/busybox").mode(0644).mtime(2_000, 0),
                hardlink("bin/ls", "bin/busybox").mode(0600).owner(7, 8, "u", "g").mtime(3_000, 0))
            .layer(whiteout("bin/busybox"))
            .paths("bin", "bin/sh", "bin/ls")
            .sameInode("bin/sh", "bin/ls"),
        MergeCase.named(
                "links whose xattrs differ: the inode has every member's, the later value winning")
            .layer(
                file("bin/busybox", "bb").xattr("user.a", "1").xattr("user.b", "1"),
                hardlink("bin/sh", "bin/busybox").xattr("user.b", "2").xattr("user.c", "2"),
                hardlink("bin/ls", "bin/busybox").xattr("user.d", "3"))
            .layer(whiteout("bin/sh"))
            .paths("bin", "bin/busybox", "bin/ls")
            .sameInode("bin/busybox", "bin/ls")
            .xattr("bin/ls", "user.a", "1")
            .xattr("bin/ls", "user.b", "2")
            .xattr("bin/ls", "user.c", "2")
            .xattr("bin/ls", "user.d", "3"),
        MergeCase.named("security.capability survives only from the last member of a group")
            .layer(
                file("ping", "p").xattr("security.capability", "cap-1"),
                hardlink("ping2", "ping"),
                file("arping", "a"),
                hardlink("arping2", "arping").xattr("security.capability", "cap-2"))
            .paths("ping", "ping2", "arping", "arping2")
            .noXattr("ping", "security.capability")
            .xattr("arping", "security.capability", "cap-2"),
        MergeCase.named("a hard link to a symlink")
            .layer(symlink("s", "target"), hardlink("h", "s"))
            .paths("s", "h")
            .sameInode("s", "h"),
        MergeCase.named("ln -f across layers: the newer group wins the path")
            .layer(file("a", "A"), file("b", "B"))
            .layer(file("a", "A"), hardlink("b", "a"))
            .paths("a", "b")
            .sameInode("a", "b")
            .content("b", "A"));
  }
}
