package dev.flattar.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A file that appears at its target path only when complete: bytes go to a hidden temporary file
 * beside the target, which is renamed over the target on {@link #commit}. Closing without
 * committing removes the temporary file and leaves the target untouched.
 */
public final class AtomicOutput implements Closeable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean committed;

  private AtomicOutput(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  public static AtomicOutput create(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Objects.requireNonNull(absolute.getParent(), "the root is not a file");
    Path temp = TempFiles.createAt(TempFiles.hiddenSibling(absolute, "flat-tar-tmp"));
    FileChannel channel;
    try {
      channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ);
    } catch (IOException e) {
      TempFiles.delete(temp);
      throw e;
    }
    return new AtomicOutput(absolute, temp, channel);
  }

  /** The temporary file, open for writing (and for patching earlier bytes). */
  public FileChannel channel() {
    return channel;
  }

  /** Closes the temporary file and renames it over the target. */
  public void commit() throws IOException {
    channel.close();
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
        channel.close();
      } catch (IOException e) {
        // The file is being discarded; a failed close changes nothing.
      }
      TempFiles.delete(temp);
    }
  }
}
