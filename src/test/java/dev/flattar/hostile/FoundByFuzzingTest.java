package dev.flattar.hostile;

import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fuzzers found in the merge engine (package merge): a member under a file, which no
 * unpacker can apply within one layer and which replaces the file across layers, and a directory
 * that only exists because a member below it was unpacked.
 */
class FoundByFuzzingTest {
  @TempDir Path tmp;

  @Test
  void memberUnderAFileOfItsOwnLayer_isRefusedAsAnUnpackerWould() {
    byte[] layer = Layers.tar(dir("etc"), file("etc", "now a file"), file("etc/b", "b"));

    assertThat(Hostile.refused(tmp, Hostile.docker(layer)))
        .contains(
            Hostile.dockerLayer(1, layer) + ": 'etc/b' is under 'etc', which is not a directory");
  }

  @Test
  void memberUnderAFileOfALowerLayer_replacesTheFileWithADirectory() {
    byte[] lower = Layers.tar(file("etc", "a file"));
    byte[] upper = Layers.tar(file("etc/b", "b"));

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(lower, upper));

    assertThat(Hostile.names(flat.layer)).containsExactly("etc/b");
  }

  @Test
  void whiteoutUnderAHardLinkOfItsOwnLayer_isRefusedAsAnUnpackerWould() {
    byte[] layer =
        Layers.tar(file("f", "data"), Member.hardlink("etc", "f"), Member.whiteout("etc/x"));

    assertThat(Hostile.refused(tmp, Hostile.docker(layer)))
        .contains(
            Hostile.dockerLayer(1, layer)
                + ": 'etc/.wh.x' is under 'etc', which is not a directory");
  }

  @Test
  void directoryMadeAsAParent_staysWhenItsContentIsDeleted() {
    byte[] lower = Layers.tar(file("a/x", "x"));
    byte[] upper = Layers.tar(Member.whiteout("a/x"));

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(lower, upper));

    assertThat(Hostile.names(flat.layer)).containsExactly("a/");
  }

  @Test
  void directoryMadeAsTheParentOfAWhiteout_isDroppedWhenItsNameIsAWhiteoutName() {
    byte[] lower = Layers.tar(file("keep", "k"));
    byte[] upper = Layers.tar(Member.whiteout("a/.wh.p/x"));

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(lower, upper));

    assertThat(Hostile.names(flat.layer)).containsExactly("keep", "a/");
  }
}
