package dev.flattar.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
   * Creates a new empty file at exactly {@code file} (permissions from the umask, like any file the
   * user creates), deleted at exit unless released.
   */
  public static Path createAt(Path file) throws IOException {
    hook();
    Files.createFile(file);
    LIVE.add(file);
    return file;
  }

  /** Deletes a file made by {@link #create}, if it still exists. */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: the shutdown hook tries again.
      return;
    }
    LIVE.remove(file);
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
