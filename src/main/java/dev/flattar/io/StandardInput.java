package dev.flattar.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Standard input read in place when it is a regular file ({@code flat-tar < image.tar}): no spool,
 * the same path as a named file. A pipe is still spooled (its bytes can be read only once).
 */
public final class StandardInput {
  private static final Path FD0 = Path.of("/proc/self/fd/0");
  private static final Path FD0_INFO = Path.of("/proc/self/fdinfo/0");

  private StandardInput() {}

  /**
   * A path that opens the file on standard input from its start, or null when standard input is a
   * pipe, a socket or a terminal, when something has already read from it, or when the system has
   * no {@code /proc}.
   */
  public static @Nullable Path regularFile() {
    try {
      if (!Files.isRegularFile(FD0)) {
        return null;
      }
      for (String line : Files.readAllLines(FD0_INFO)) {
        if (line.startsWith("pos:")) {
          return Long.parseLong(line.substring(4).trim()) == 0 ? FD0 : null;
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
