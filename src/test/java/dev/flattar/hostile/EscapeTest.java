package dev.flattar.hostile;

import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.hardlink;
import static dev.flattar.testing.Member.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layer members that try to leave the image root. A relative name that climbs out, or a hard link
 * that escapes or names no earlier member, is refused; a {@code /}-rooted name is root-relative, as
 * Docker treats it, and is written cleaned. No output ever holds an escaping name: the names are
 * checked with an independent tar reader (commons-compress).
 */
class EscapeTest {
  @TempDir Path tmp;

  static Stream<Arguments> escapingLayers() {
    return Stream.of(
        escape("'..' alone", List.of(file("..", "x")), "name '..' escapes the root with '..'"),
        escape("'./../x'", List.of(file("./../x", "x")), "name './../x' escapes the root"),
        escape("'a/./../../x'", List.of(file("a/./../../x", "x")), "name 'a/./../../x' escapes"),
        escape("'a/b/../../../x'", List.of(file("a/b/../../../x", "x")), "name 'a/b/../../../x'"),
        escape("a directory '../d/'", List.of(dir("../d")), "name '../d/' escapes the root"),
        escape(
            "a PAX path '../x'",
            List.of(),
            "name '../x' escapes the root",
            RawTar.pax(RawTar.record("path", "../x")),
            RawTar.member("innocent", new byte[1])),
        escape(
            "a GNU long name '../../x'",
            List.of(),
            "name '../../x' escapes the root",
            RawTar.member("././@LongLink", 'L', "../../x\0".getBytes(StandardCharsets.US_ASCII)),
            RawTar.member("innocent", new byte[1])),
        escape("a whiteout '../.wh.x'", List.of(Member.whiteout("../x")), "escapes the root"),
        escape(
            "a whiteout of '..'", List.of(file("a/.wh..", "")), "whiteout 'a/.wh..' names no file"),
        escape(
            "a hard link 'a/../../x'",
            List.of(file("x", "x"), hardlink("l", "a/../../x")),
            "hard link 'l' -> 'a/../../x' escapes the root"),
        escape(
            "a hard link to a later member",
            List.of(hardlink("l", "x"), file("x", "x")),
            "hard link 'l' points to 'x', which is not an earlier member of the layer"),
        escape(
            "a hard link to itself",
            List.of(hardlink("l", "l")),
            "hard link 'l' points to 'l', which is not an earlier member"),
        escape(
            "a hard link to a directory",
            List.of(dir("d"), hardlink("l", "d")),
            "hard link 'l' points to the directory 'd'"),
        escape(
            "a name with line breaks",
            List.of(file("../x\ny\rz", "x")),
            "name '../x\\ny\\rz' escapes the root"),
        escape(
            "a hard link named '../l'",
            List.of(file("x", "x"), hardlink("../l", "x")),
            "name '../l' escapes the root"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapingLayers")
  void escapingMember_isRefusedNamingIt(byte[] layer, String fragment) {
    assertThat(Hostile.refused(tmp, Hostile.docker(layer)))
        .contains(Hostile.dockerLayer(1, layer) + ": ")
        .contains(fragment);
  }

  @Test
  void hardLinkToAMemberOfAnEarlierLayer_isRefused() {
    byte[] lower = Layers.tar(file("x", "x"));
    byte[] upper = Layers.tar(hardlink("l", "x"));

    assertThat(Hostile.refused(tmp, Hostile.docker(lower, upper)))
        .contains(Hostile.dockerLayer(2, upper) + ": hard link 'l' points to 'x', which is not");
  }

  @Test
  void rootedNamesThatClimb_stayAtTheRootAndAreWrittenClean() {
    byte[] layer =
        Layers.tar(
            file("/abs/../../x", "x"),
            file("/../y", "y"),
            dir("//d//"),
            file("/d/./../d/z", "z"),
            hardlink("/l/../../h", "/abs/../../x"));

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(layer));

    List<TarArchiveEntry> entries = Hostile.entries(flat.layer);
    assertThat(entries)
        .extracting(TarArchiveEntry::getName)
        .containsExactly("x", "y", "d/", "d/z", "h");
    assertThat(entries.get(4).isLink()).isTrue();
    assertThat(entries.get(4).getLinkName()).isEqualTo("x");
  }

  @Test
  void symlinkTargetsThatClimb_areKeptAsData() {
    // A symlink's target is resolved inside the container at run time, scoped to its root; it is
    // content, not a path flat-tar writes to.
    byte[] layer = Layers.tar(symlink("etc/shadow", "../../../../etc/shadow"), symlink("abs", "/"));

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(layer));

    List<TarArchiveEntry> entries = Hostile.entries(flat.layer);
    assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("etc/shadow", "abs");
    assertThat(entries)
        .extracting(TarArchiveEntry::getLinkName)
        .containsExactly("../../../../etc/shadow", "/");
  }

  @Test
  void noOutputName_everEscapes() {
    byte[] lower = Layers.tar(dir("/a"), file("/a/../../b", "b"), file("c//d", "d"));
    byte[] upper = Layers.tar(Member.whiteout("/../../c"), file("/../a/e", "e"));

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(lower, upper));

    for (TarArchiveEntry e : Hostile.entries(flat.layer)) {
      assertThat(e.getName()).doesNotStartWith("/").doesNotStartWith("./");
      assertThat(List.of(e.getName().split("/"))).doesNotContain("..", ".", "");
    }
    assertThat(Hostile.names(flat.layer)).containsExactly("a/", "b", "a/e");
  }

  /** A layer of the members, or (when {@code raw} is given) of raw tar bytes. */
  private static Arguments escape(
      String what, List<Member> members, String fragment, byte[]... raw) {
    byte[] layer = raw.length > 0 ? RawTar.archive(raw) : Layers.tar(members);
    return Arguments.of(Named.of(what, layer), fragment);
  }
}
