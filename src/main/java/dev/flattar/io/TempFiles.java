package dev.flattar.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary files that must not outlive the process: removed when closed, and by a shutdown hook on
 * normal exit, on error and on SIGINT/SIGTERM.
 */
public final class TempFiles {
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;

  private TempFiles() {}

  /** {@code $TMPDIR} when set, else the JVM's temporary directory. */
  public static Path directory() {
    String env = System.getenv("TMPDIR");
    if (env != null && !env.isEmpty() && Files.isDirectory(Paths.get(env))) {
      return Paths.get(env);
    }
    return Paths.get(System.getProperty("java.io.tmpdir"));
  }

  /** Creates an empty file in {@code dir} that will be deleted at exit unless released. */
  public static Path create(Path dir, String prefix, String suffix) throws IOException {
    hook();
    Path file = Files.createTempFile(dir, prefix, suffix);
    LIVE.add(file);
    return file;
  }

  /**
   * A hidden name beside {@code target} for something that becomes it, or is moved out of its way:
   * {@code .NAME.RANDOM.SUFFIX}, so that it sits on the target's file system (a rename is atomic)
   * and a glob of the target's name finds leftovers.
   */
  static Path hiddenSibling(Path target, String suffix) {
    String random = Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
    return target.resolveSibling("." + target.getFileName() + "." + random + "." + suffix);
  }

  /**
   * Creates a new empty file at exactly {@code file} (permissions from the umask, like any file the
   * user creates), deleted at exit unless released.
   */
  public static Path createAt(Path file) throws IOException {
    hook();
    Files.createFile(file);
    LIVE.add(file);
    return file;
  }

  /**
   * Creates a new empty directory at exactly {@code dir}, deleted (with all it holds) at exit
   * unless released.
   */
  public static Path createDirectoryAt(Path dir) throws IOException {
    hook();
    Files.createDirectory(dir);
    LIVE.add(dir);
    return dir;
  }

  /** Deletes a file or directory made here (a directory with all below it), if it still exists. */
  public static void delete(Path file) {
    try {
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(file);
      } else {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // Best effort: the shutdown hook tries again.
      return;
    }
    LIVE.remove(file);
  }

  /** Deletes a directory and everything below it (links themselves, never what they point at). */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stops tracking a file that has been renamed into place. */
  public static void release(Path file) {
    LIVE.remove(file);
  }

  private static synchronized void hook() {
    if (!hooked) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> LIVE.forEach(TempFiles::delete), "flat-tar-cleanup"));
      hooked = true;
    }
  }
}
