package dev.flattar.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.testing.CliProcess;
import dev.flattar.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is a clean failure: one line, exit 1, the target untouched, no temporary file left.
 * The small file system is a 256 KiB tmpfs mounted in a private mount namespace (unshare -m), so it
 * vanishes with the process; this needs root, which CI has.
 */
class FullDiskTest {
  @TempDir Path tmp;

  @Test
  void outputFileOnAFullDisk_leavesTheOldTargetAndNoTempFile() throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, Samples.bigArchive());
    Prerequisites.requireRoot("FullDiskTest", "mounts a tmpfs");

    CliProcess.Result r =
        CliProcess.shell(
            "set -e; mkdir -p \"$DIR/disk\"; unshare -m sh -c '"
                + "mount -t tmpfs -o size=256k tmpfs \"$DIR/disk\" && "
                + "printf previous > \"$DIR/disk/out.tar\" && "
                + "{ $FLAT_TAR -o \"$DIR/disk/out.tar\" \"$DIR/in.tar\"; echo \"exit=$?\" >&2; } ; "
                + "cat \"$DIR/disk/out.tar\" > \"$DIR/target-after\"; ls -A \"$DIR/disk\" > \"$DIR/listing\"'",
            Map.of("DIR", tmp.toString()));

    assertThat(r.stderr()).contains("exit=1");
    assertThat(r.stderr().lines().filter(l -> l.startsWith("flat-tar:")))
        .singleElement()
        .asString()
        .contains("no space left on device");
    assertThat(Files.readString(tmp.resolve("target-after"))).isEqualTo("previous");
    assertThat(Files.readString(tmp.resolve("listing")).trim()).isEqualTo("out.tar");
  }

  @Test
  void stdoutOnAFullDevice_failsWithOneLine() throws Exception {
    Path in = tmp.resolve("in.tar");
    Files.write(in, Samples.bigArchive());

    CliProcess.Result r =
        CliProcess.shell("$FLAT_TAR \"$DIR/in.tar\" > /dev/full", Map.of("DIR", tmp.toString()));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("flat-tar: write failed: no space left on device\n");
  }
}
