package dev.flattar.writer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The members of an OCI layout written as files below a directory (one that appears at its target
 * only when complete: see {@code io.AtomicDirectory}). A member named after its bytes is written to
 * a temporary name first and renamed once its digest is known.
 */
final class DirectoryMembers implements Members {
  private static final int BUFFER = 1 << 20;

  private final Path root;
  private final Set<String> written = new HashSet<>();
  private int pending;

  DirectoryMembers(Path root) {
    this.root = root;
  }

  @Override
  public boolean has(String name) {
    return written.contains(name);
  }

  @Override
  public void file(String name, byte[] bytes) throws IOException {
    Files.write(place(name), bytes);
  }

  @Override
  public <R extends Produced> R known(String name, long size, Producer<R> producer)
      throws IOException {
    R result;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(place(name)), BUFFER)) {
      result = producer.write(out);
    }
    if (result.size() != size) {
      throw new IllegalStateException(
          "member " + name + ": wrote " + result.size() + " bytes, planned " + size);
    }
    return result;
  }

  @Override
  public <R extends Produced> R named(Function<R, String> nameOf, Producer<R> producer)
      throws IOException {
    Path temp = root.resolve(".flat-tar-member-" + pending++);
    R result;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), BUFFER)) {
      result = producer.write(out);
    }
    String name = nameOf.apply(result);
    if (has(name)) {
      Files.delete(temp);
      return result;
    }
    Files.move(temp, place(name), StandardCopyOption.ATOMIC_MOVE);
    return result;
  }

  @Override
  public void finish() {}

  /** Claims {@code name} and makes its parent directories; the path to write it at. */
  private Path place(String name) throws IOException {
    if (!written.add(name)) {
      throw new IllegalStateException("member written twice: " + name);
    }
    Path file = root.resolve(name);
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return file;
  }
}
