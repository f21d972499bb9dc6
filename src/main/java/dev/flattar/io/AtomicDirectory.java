package dev.flattar.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory that appears at its target path only when complete: it is built beside the target
 * under a hidden temporary name, and renamed over it on {@link #commit}. Closing without committing
 * removes it, and an existing directory at the target is never touched unless it is to be replaced,
 * and then only once the new one is complete.
 */
public final class AtomicDirectory implements Closeable {
  private final Path target;
  private final Path staging;
  private final boolean replace;
  private boolean committed;

  private AtomicDirectory(Path target, Path staging, boolean replace) {
    this.target = target;
    this.staging = staging;
    this.replace = replace;
  }

  /**
   * Starts building a directory for {@code target}.
   *
   * @param replace whether an existing directory at {@code target} is replaced when this commits
   */
  public static AtomicDirectory create(Path target, boolean replace) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IOException("the root directory cannot be an output");
    }
    return new AtomicDirectory(
        absolute,
        TempFiles.createDirectoryAt(TempFiles.hiddenSibling(absolute, "flat-tar-tmp")),
        replace);
  }

  /** The directory being built. */
  public Path root() {
    return staging;
  }

  /** Renames the built directory over the target (the old one, when replaced, removed after). */
  public void commit() throws IOException {
    if (replace && Files.exists(target)) {
      Path old = TempFiles.hiddenSibling(target, "flat-tar-old");
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        throw e;
      }
      TempFiles.deleteTree(old);
    } else {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }
    TempFiles.release(staging);
    committed = true;
  }

  @Override
  public void close() {
    if (!committed) {
      TempFiles.delete(staging);
    }
  }
}
