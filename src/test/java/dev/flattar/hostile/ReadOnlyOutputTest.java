package dev.flattar.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.CliProcess;
import dev.flattar.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output directory that cannot be written is a clean failure: one line naming the target and the
 * directory, exit status 1, the old target untouched. Root ignores permission bits, so the
 * directory is made read-only with a read-only bind mount in a private mount namespace (unshare
 * -m), which vanishes with the process; this needs root, which CI has.
 */
class ReadOnlyOutputTest {
  @TempDir Path tmp;

  @Test
  void outputInAReadOnlyDirectory_failsWithOneLineAndTouchesNothing() throws Exception {
    Hostile.write(tmp, Hostile.docker(MalformedArchiveTest.LAYER));
    requireRoot();

    CliProcess.Result r =
        CliProcess.shell(
            "set -e; mkdir -p \"$DIR/ro\"; printf previous > \"$DIR/ro/out.tar\"; unshare -m sh -c '"
                + "mount --bind \"$DIR/ro\" \"$DIR/ro\" && mount -o remount,bind,ro \"$DIR/ro\" && "
                + "{ $FLAT_TAR -o \"$DIR/ro/out.tar\" \"$DIR/in.tar\"; echo \"exit=$?\" >&2; }'",
            Map.of("DIR", tmp.toString()));

    assertThat(r.stderr()).contains("exit=1");
    assertThat(r.stderr().lines().filter(l -> l.startsWith("flat-tar:")))
        .singleElement()
        .asString()
        .isEqualTo(
            "flat-tar: cannot write output '"
                + tmp.resolve("ro/out.tar")
                + "': cannot create a file in '"
                + tmp.resolve("ro")
                + "' (Read-only file system)");
    assertThat(Files.readString(tmp.resolve("ro/out.tar"))).isEqualTo("previous");
    assertThat(Hostile.listing(tmp.resolve("ro"))).containsExactly(tmp.resolve("ro/out.tar"));
  }

  private static void requireRoot() {
    Prerequisites.requireRoot("ReadOnlyOutputTest", "bind-mounts a directory read-only");
  }
}
