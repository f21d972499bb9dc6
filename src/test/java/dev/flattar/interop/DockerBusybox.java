package dev.flattar.interop;

import dev.flattar.testing.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The static busybox (Debian's busybox-static) that the Docker tier copies into its images ({@code
 * FROM scratch}: no network, no base image) and mounts into containers of images that have no shell
 * of their own. A dynamically linked busybox (Debian's plain busybox package) would not run there.
 */
final class DockerBusybox {
  private static final int PT_INTERP = 3;

  private DockerBusybox() {}

  /** The busybox binary; fails (in CI) or skips unless there is one and it is static. */
  static Path require(String who) {
    Path busybox = DockerDaemon.which("busybox");
    Prerequisites.require(
        busybox != null,
        who + ": the Docker tier needs busybox (Debian: apt-get install busybox-static)");
    Prerequisites.require(
        isStatic(busybox),
        who + ": " + busybox + " is dynamically linked (Debian: apt-get install busybox-static)");
    return busybox;
  }

  /** Whether an ELF64 binary has no program interpreter (PT_INTERP), i.e. is statically linked. */
  static boolean isStatic(Path elf) {
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt(0) != 0x464c457f || b.get(4) != 2) {
        throw new AssertionError(elf + " is not a 64-bit ELF binary");
      }
      long phoff = b.getLong(0x20);
      int size = Short.toUnsignedInt(b.getShort(0x36));
      int count = Short.toUnsignedInt(b.getShort(0x38));
      for (int i = 0; i < count; i++) {
        if (b.getInt((int) phoff + i * size) == PT_INTERP) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + elf, e);
    }
  }
}
