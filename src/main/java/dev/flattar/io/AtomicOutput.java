package dev.flattar.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file that appears at its target path only when complete: bytes go to a hidden temporary file
 * beside the target, which is renamed over the target on {@link #commit}. Closing without
 * committing removes the temporary file and leaves the target untouched.
 */
public final class AtomicOutput implements Closeable {
  private final Path target;
  private final Path temp;
  private final OutputStream stream;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, OutputStream stream) {
    this.target = target;
    this.temp = temp;
    this.stream = stream;
  }

  public static AtomicOutput create(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    String suffix = Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
    Path temp =
        TempFiles.createAt(
            dir.resolve("." + absolute.getFileName() + "." + suffix + ".flat-tar-tmp"));
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20);
    return new AtomicOutput(absolute, temp, out);
  }

  public OutputStream stream() {
    return stream;
  }

  /** Flushes, closes and renames the temporary file over the target. */
  public void commit() throws IOException {
    stream.close();
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    TempFiles.release(temp);
    committed = true;
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        stream.close();
      } catch (IOException e) {
        // The file is being discarded; a failed close changes nothing.
      }
      TempFiles.delete(temp);
    }
  }
}
