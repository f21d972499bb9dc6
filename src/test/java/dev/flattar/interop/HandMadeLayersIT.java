package dev.flattar.interop;

import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.opaque;
import static dev.flattar.testing.Member.symlink;
import static dev.flattar.testing.Member.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layers no engine-built image has, written by hand, where the rule comes from what unpackers do
 * rather than from what the layers name: a directory an unpacker made as a parent (no member names
 * it) stays once everything below it is deleted; opaque markers and whiteouts make their
 * directories; a parent a layer makes replaces a lower layer's file or symlink; and a member under
 * a file of its own layer cannot be unpacked at all. The first kinds must flatten to the tree the
 * engines show for the original (podman's, or umoci's where podman refuses it); the last must be
 * refused by flat-tar and by both engines.
 */
class HandMadeLayersIT {
  static Engines engines;

  @BeforeAll
  static void startEngines() {
    engines = Engines.start("HandMadeLayersIT");
  }

  @AfterAll
  static void stopEngines() {
    if (engines != null) {
      engines.close();
    }
  }

  record Case(String name, List<byte[]> layers) {
    @Override
    public String toString() {
      return name;
    }

    Path write(Path dir) {
      byte[] archive =
          Archives.build(
              Archives.Layout.DOCKER,
              ImageSpec.of(layers.toArray(byte[][]::new))
                  .tags("registry.example.com/handmade/" + name + ":1"));
      try {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name + ".tar"), archive);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case(
            "emptied-parents",
            Archives.layers(
                Layers.tar(file("a/x", "x"), file("b/c/y", "y"), file("keep", "k")),
                Layers.tar(whiteout("a/x"), whiteout("b/c/y")))),
        new Case(
            "opaque-markers-make-directories",
            Archives.layers(
                Layers.tar(file("a/x", "x"), file("keep", "k")),
                Layers.tar(opaque("a"), opaque("n/m")))),
        new Case(
            "parent-replaces-a-lower-file",
            Archives.layers(
                Layers.tar(file("etc", "a file"), file("keep", "k")),
                Layers.tar(file("etc/b", "b")))),
        new Case(
            "parent-replaces-a-lower-symlink",
            Archives.layers(
                Layers.tar(dir("real").mode(0711), file("real/r", "r"), symlink("etc", "real")),
                Layers.tar(file("etc/b", "b")))),
        new Case(
            "parent-for-a-whiteout-replaces-a-lower-file",
            Archives.layers(
                Layers.tar(file("etc", "a file"), file("keep", "k")),
                Layers.tar(whiteout("etc/x")))),
        // podman only: containerd 1.6 refuses the original ("lstat .../a/f/g: not a directory")
        new Case(
            "parents-replace-a-lower-file-two-levels-up",
            Archives.layers(Layers.tar(file("a/f", "f")), Layers.tar(file("a/f/g/h", "h")))),
        // whiteout and member below it in one layer: podman refuses the original, umoci shows it
        new Case(
            "deleted-then-made-as-a-parent",
            Archives.layers(
                Layers.tar(
                    dir("a").mode(0700),
                    file("a/f", "f"),
                    dir("a/b").mode(0711),
                    file("a/b/o", "o")),
                Layers.tar(whiteout("a"), file("a/b/g", "g")),
                Layers.tar(whiteout("a/b/g")))),
        new Case(
            "file-then-made-a-directory",
            Archives.layers(
                Layers.tar(file("a", "a file"), file("keep", "k")),
                Layers.tar(whiteout("a"), file("a/x", "x")),
                Layers.tar(whiteout("a/x")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flattenedImage_looksLikeTheOriginalToPodmanAndContainerd(Case c) {
    Path archive = c.write(engines.dir.resolve("inputs"));
    InteropCheck.verify(engines, new InteropCase(archive, null, null));
  }

  @Test
  void aMemberUnderAFileOfItsOwnLayer_isRefusedByFlatTarAndByBothEngines() {
    Case c =
        new Case(
            "member-under-a-file",
            Archives.layers(
                Layers.tar(file("keep", "k")),
                Layers.tar(file("etc", "a file"), file("etc/b", "b"))));
    Path archive = c.write(engines.dir.resolve("inputs"));
    Path out = engines.dir.resolve("member-under-a-file.flat.tar");

    Cmd.Result flat = BuiltJar.run(engines.jar, archive, null, out);

    assertThat(flat.code()).as(flat.describe()).isEqualTo(1);
    assertThat(flat.stderr()).contains("'etc/b' is under 'etc', which is not a directory");
    assertThat(out).doesNotExist();
    Cmd.Result podman = engines.podman.load(archive);
    assertThat(podman.ok()).as("podman load: %s", podman.describe()).isFalse();
    assertThat(podman.stderr()).contains("open /etc/b: not a directory");
    Cmd.Result ctr = engines.containerd.importArchive(archive, null, null);
    assertThat(ctr.ok()).as("ctr images import: %s", ctr.describe()).isFalse();
    assertThat(ctr.stderr()).contains("etc: not a directory");
  }
}
