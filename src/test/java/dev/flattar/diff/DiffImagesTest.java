package dev.flattar.diff;

import static dev.flattar.testing.Member.charDevice;
import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.hardlink;
import static dev.flattar.testing.Member.symlink;
import static dev.flattar.testing.Member.whiteout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.DiffOptions;
import dev.flattar.DiffReport;
import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.Input;
import dev.flattar.model.Difference;
import dev.flattar.model.Difference.Field;
import dev.flattar.model.Difference.Kind;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Platform;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code flat-tar diff} through the public API on whole archives: the images engines made agree
 * with their flattened outputs and with each other's layouts, and each kind of difference planted
 * in a real archive is found, once, with both values.
 */
class DiffImagesTest {
  static final Path TESTDATA = Path.of(System.getProperty("flattar.testdata", "testdata"));

  @TempDir Path dir;

  static Stream<Path> engineArchives() throws IOException {
    try (Stream<Path> files = Files.list(TESTDATA.resolve("engine"))) {
      return files.filter(p -> p.toString().endsWith(".tar")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engineArchives")
  void anEngineImage_andItsFlattenedOutputs_areTheSame(Path archive) throws Exception {
    for (int keep = 0; keep < 2; keep++) {
      Path out = dir.resolve("flat-" + keep + ".tar");
      FlatTar.flatten(archive, out, FlattenOptions.builder().keepBase(keep).build());

      DiffReport r = diff(Input.file(archive), Input.file(out), DiffOptions.builder().build());

      assertThat(r.differences()).as("keeping %d", keep).isEmpty();
      assertThat(r.firstPaths()).isPositive().isEqualTo(r.secondPaths());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engineArchives")
  void theDockerAndOciArchivesOfOneImage_areTheSame(Path archive) throws Exception {
    String name = archive.getFileName().toString();
    Path oci = archive.resolveSibling(name.replace(".docker.tar", ".oci.tar"));

    assertThat(diff(Input.file(archive), Input.file(oci), DiffOptions.builder().build()).same())
        .isTrue();
  }

  static Stream<Arguments> platforms() {
    return Stream.of(
        Arguments.of("two.oci.tar", "linux/amd64"),
        Arguments.of("two.oci.tar", "linux/arm64/v8"),
        Arguments.of("three.containerd.tar", "linux/arm/v7"),
        Arguments.of("two.layout", "linux/arm64/v8"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("platforms")
  void onePlatformOfAnIndex_andItsFlattenedOutput_areTheSame(String name, String platform)
      throws Exception {
    Path archive = TESTDATA.resolve("multiarch").resolve(name);
    Path out = dir.resolve("flat.tar");
    Platform p = Platform.parse(platform);
    FlatTar.flatten(archive, out, FlattenOptions.builder().platform(p).build());

    DiffReport r =
        diff(Input.file(archive), Input.file(out), DiffOptions.builder().firstPlatform(p).build());

    assertThat(r.differences()).isEmpty();
    assertThat(r.first()).contains(platform);
  }

  @Test
  void twoPlatformsOfOneIndex_differ() throws Exception {
    Path archive = TESTDATA.resolve("multiarch").resolve("two.oci.tar");

    DiffReport r =
        diff(
            Input.file(archive),
            Input.file(archive),
            DiffOptions.builder()
                .firstPlatform(Platform.parse("linux/amd64"))
                .secondPlatform(Platform.parse("linux/arm64/v8"))
                .build());

    assertThat(r.same()).isFalse();
    assertThat(r.differences()).anySatisfy(d -> assertThat(d.path()).isEqualTo("/architecture"));
  }

  @Test
  void anIndexWithoutAPlatform_isRefusedByName() {
    Path archive = TESTDATA.resolve("multiarch").resolve("two.oci.tar");

    assertThatThrownBy(
            () -> diff(Input.file(archive), Input.file(archive), DiffOptions.builder().build()))
        .isInstanceOf(FlatTarException.class)
        .hasMessageContaining("two.oci.tar")
        .hasMessageContaining("2 platforms: choose one with --platform");
  }

  static final Member X = file("x", "one");

  static Stream<Arguments> planted() {
    return Stream.of(
        Arguments.of("content", X, file("x", "two"), field("content", sha("one"), sha("two"))),
        Arguments.of("size", X, file("x", "three"), field("size", "3", "5")),
        Arguments.of("mode", X, X.mode(0755), field("mode", "0644", "0755")),
        Arguments.of("owner", X, X.owner(1000, 100, "u", "g"), field("owner", "0:0", "1000:100")),
        Arguments.of(
            "mtime", X, X.mtime(1_600_000_001L, 0), field("mtime", "1600000000", "1600000001")),
        Arguments.of(
            "sub-second mtime",
            X,
            X.mtime(1_600_000_000L, 5),
            field("mtime", "1600000000", "1600000000.000000005")),
        Arguments.of(
            "an xattr",
            X.xattr("user.k", "a"),
            X.xattr("user.k", "b"),
            field("SCHILY.xattr.user.k", "61", "62")),
        Arguments.of(
            "a symlink's target", symlink("x", "a"), symlink("x", "b"), field("content", "a", "b")),
        Arguments.of(
            "a device's numbers",
            charDevice("x", 1, 3),
            charDevice("x", 1, 5),
            field("content", "1,3", "1,5")),
        Arguments.of("the type", X, dir("x"), field("type", "file", "dir")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("planted")
  void aPlantedDifference_isFoundOnceWithBothValues(
      String what, Member first, Member second, Field expected) throws Exception {
    Path a = archive("a.tar", Layers.tar(first));
    Path b = archive("b.tar", Layers.tar(second));

    DiffReport r = diff(Input.file(a), Input.file(b), DiffOptions.builder().build());

    assertThat(r.differences()).as(what).hasSize(1);
    Difference d = r.differences().get(0);
    assertThat(d.kind()).isEqualTo(Kind.CHANGED);
    assertThat(d.path()).isEqualTo("x");
    assertThat(d.fields()).contains(expected);
  }

  @Test
  void mtimes_canBeLeftOut() throws Exception {
    Path a = archive("a.tar", Layers.tar(X));
    Path b = archive("b.tar", Layers.tar(X.mtime(1_700_000_000L, 0)));

    assertThat(
            diff(Input.file(a), Input.file(b), DiffOptions.builder().ignoreMtime(true).build())
                .same())
        .isTrue();
  }

  @Test
  void aBrokenHardLink_isFoundOnBothPaths() throws Exception {
    Path linked = archive("a.tar", Layers.tar(X, hardlink("y", "x")));
    Path copied = archive("b.tar", Layers.tar(X, file("y", "one")));

    DiffReport r = diff(Input.file(linked), Input.file(copied), DiffOptions.builder().build());

    assertThat(r.differences())
        .containsExactly(
            new Difference(Kind.CHANGED, "x", List.of(field("hard links", "x, y", ""))),
            new Difference(Kind.CHANGED, "y", List.of(field("hard links", "x, y", ""))));
  }

  /** A file capability as setcap writes it (cap_net_raw+ep, version 2). */
  static final byte[] CAP = HexFormat.of().parseHex("0100000200200000000000000000000000000000");

  /**
   * One inode as an engine leaves it: podman and containerd unpack every member of a hard-link
   * group onto it in archive order, each one's chown (which makes the kernel drop
   * security.capability), then its xattrs added to those there. So it keeps every member's user
   * xattrs (the latest value of each), and a capability only if the last member has one. Checked
   * against both engines by {@code DiffAgreementIT}.
   */
  static Member[] inode(String... names) {
    Member[] out = new Member[names.length];
    for (int i = 0; i < names.length; i++) {
      Member m = i == 0 ? file(names[0], "bb") : hardlink(names[i], names[0]);
      out[i] = m.xattr("user.holder", "h").xattr("user.k", "2").xattr("user.middle", "m");
    }
    return out;
  }

  @Test
  void aHardLinkedInode_keepsTheXattrsOfEveryMember() throws Exception {
    Path members =
        archive(
            "a.tar",
            Layers.tar(
                file("b", "bb").xattr("user.holder", "h").xattr("security.capability", CAP),
                hardlink("s", "b").xattr("user.middle", "m").xattr("user.k", "1"),
                hardlink("l", "b").xattr("user.k", "2")));
    Path inode = archive("b.tar", Layers.tar(inode("b", "s", "l")));

    DiffReport r = diff(Input.file(members), Input.file(inode), DiffOptions.builder().build());

    assertThat(r.differences()).isEmpty();
  }

  @Test
  void aHardLinkedInode_keepsTheXattrsOfAMemberALaterLayerDeleted() throws Exception {
    Path members =
        archive(
            "a.tar",
            Layers.tar(
                file("b", "bb").xattr("user.holder", "h"),
                hardlink("s", "b").xattr("user.middle", "m").xattr("user.k", "1"),
                hardlink("l", "b").xattr("user.k", "2")),
            Layers.tar(whiteout("s"), whiteout("b")));
    Member[] survivors = inode("l");

    DiffReport r =
        diff(
            Input.file(members),
            Input.file(archive("b.tar", Layers.tar(survivors))),
            DiffOptions.builder().build());

    assertThat(r.differences()).isEmpty();
  }

  @Test
  void aCapabilityOnAHardLinkedInode_isTheLastMembers() throws Exception {
    Path last =
        archive(
            "a.tar",
            Layers.tar(file("b", "bb"), hardlink("l", "b").xattr("security.capability", CAP)));
    Path both =
        archive(
            "b.tar",
            Layers.tar(
                file("b", "bb").xattr("security.capability", CAP),
                hardlink("l", "b").xattr("security.capability", CAP)));

    assertThat(diff(Input.file(last), Input.file(both), DiffOptions.builder().build()).same())
        .isTrue();
  }

  @Test
  void aWhiteoutInALaterLayer_removesThePath() throws Exception {
    Path both = archive("a.tar", Layers.tar(X, file("y", "y")));
    Path deleted = archive("b.tar", Layers.tar(X, file("y", "y")), Layers.tar(whiteout("y")));

    DiffReport r = diff(Input.file(both), Input.file(deleted), DiffOptions.builder().build());

    assertThat(r.differences())
        .containsExactly(new Difference(Kind.REMOVED, "y", List.of(field("type", "file", "file"))));
  }

  @Test
  void aPathOnlyInTheSecond_isAddedWithItsParents() throws Exception {
    Path a = archive("a.tar", Layers.tar(X));
    Path b = archive("b.tar", Layers.tar(X), Layers.tar(file("new/deep/f", "f")));

    DiffReport r = diff(Input.file(a), Input.file(b), DiffOptions.builder().build());

    assertThat(r.differences())
        .extracting(Difference::path)
        .containsExactly("new", "new/deep", "new/deep/f");
    assertThat(r.count(Kind.ADDED)).isEqualTo(3);
  }

  @Test
  void aUtf8Name_isShownAsText() throws Exception {
    Path a = archive("a.tar", Layers.tar(X));
    Path b = archive("b.tar", Layers.tar(X, file("café", "c")));

    DiffReport r = diff(Input.file(a), Input.file(b), DiffOptions.builder().build());

    assertThat(r.differences()).extracting(Difference::path).containsExactly("café");
  }

  @Test
  void configFields_areCompared_butNotTheOnesFlatteningRewrites() throws Exception {
    byte[] layer = Layers.tar(X);
    Path a =
        write("a.tar", Archives.build(Archives.Layout.DOCKER, ImageSpec.of(layer).tags("a:1")));
    Path b =
        write(
            "b.tar",
            Archives.build(
                Archives.Layout.OCI,
                ImageSpec.of(layer, Layers.tar())
                    .tags("b:1")
                    .config(c -> ((ObjectNode) c.get("config")).put("User", "app"))));

    DiffReport r = diff(Input.file(a), Input.file(b), DiffOptions.builder().build());
    DiffReport all =
        diff(Input.file(a), Input.file(b), DiffOptions.builder().configAll(true).build());

    assertThat(r.differences())
        .containsExactly(
            new Difference(Kind.CONFIG, "/config/User", List.of(field("value", "", "\"app\""))));
    assertThat(all.differences())
        .extracting(Difference::path)
        .containsExactly("/config/User", "/history", "/rootfs/diff_ids");
  }

  @Test
  void anInputFromAStream_isComparedLikeAFile() throws Exception {
    Path a = archive("a.tar", Layers.tar(X));
    Path b = archive("b.tar", Layers.tar(file("x", "two")));

    DiffReport r =
        diff(
            Input.stream(new ByteArrayInputStream(Files.readAllBytes(a))),
            Input.file(b),
            DiffOptions.builder().tempDir(dir).build());

    assertThat(r.count(Kind.CHANGED)).isEqualTo(1);
  }

  private static DiffReport diff(Input a, Input b, DiffOptions options) throws Exception {
    return FlatTar.diff(a, b, options);
  }

  private Path archive(String name, byte[]... layers) throws IOException {
    return write(name, Archives.build(Archives.Layout.DOCKER, ImageSpec.of(layers).tags("t:1")));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static Field field(String name, String first, String second) {
    return new Field(name, first, second);
  }

  private static String sha(String text) {
    return Digest.of(text.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
