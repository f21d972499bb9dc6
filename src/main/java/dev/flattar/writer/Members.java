package dev.flattar.writer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the members of the output go: an archive ({@link TarMembers}) or an OCI layout directory
 * ({@link DirectoryMembers}). Each name is written once; a member named after its content (a blob)
 * that is already there keeps its first copy.
 */
public interface Members {
  /** Produces a member's bytes; returns what they turned out to be. */
  @FunctionalInterface
  interface Producer<R> {
    R write(OutputStream out) throws IOException;
  }

  /** What a producer's result says about the member it produced. */
  interface Produced {
    long size();
  }

  /** Members of an archive written to {@code sink}; {@code tempDir} for spooling on a stream. */
  static Members tar(ArchiveSink sink, Path tempDir) {
    return new TarMembers(sink, tempDir);
  }

  /** Files below {@code root}, an empty directory. */
  static Members directory(Path root) {
    return new DirectoryMembers(root);
  }

  /** True if a member of this name has been written (blobs shared between images). */
  boolean has(String name);

  void file(String name, byte[] bytes) throws IOException;

  /** A member whose name and size are known before its bytes are produced. */
  <R extends Produced> R known(String name, long size, Producer<R> producer) throws IOException;

  /**
   * A member named after its bytes: {@code nameOf} is asked once they are produced. A name already
   * written (content-addressed: the same bytes) keeps its first member, and these are dropped.
   */
  <R extends Produced> R named(Function<R, String> nameOf, Producer<R> producer) throws IOException;

  /** Ends the output (an archive's end blocks) and flushes it. */
  void finish() throws IOException;
}
