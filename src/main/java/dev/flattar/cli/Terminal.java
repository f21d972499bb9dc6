package dev.flattar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal. */
final class Terminal {
  private Terminal() {}

  /** True if file descriptor {@code fd} (0, 1 or 2) is a terminal. */
  static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      // No /proc (not Linux): System.console() is non-null when stdin and stdout are terminals
      // (on the JDK 17 this targets; from JDK 22 it is never null, and isTerminal() says so).
      @SuppressWarnings("SystemConsoleNull")
      boolean console = System.console() != null;
      return console;
    }
  }
}
