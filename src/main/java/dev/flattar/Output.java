package dev.flattar;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where the result is written. A file or directory appears only when complete (written beside it
 * under a temporary name, then renamed); on failure an existing file there is left untouched.
 */
public sealed interface Output {
  /** A new file; it must not be the input. */
  static Output file(Path path) {
    return new FileOutput(path, false);
  }

  /** Replaces the input file, atomically, when the job succeeds. */
  static Output replacingInput(Path input) {
    return new FileOutput(input, true);
  }

  /** A stream, flushed and not closed. */
  static Output stream(OutputStream stream) {
    return new StreamOutput(stream);
  }

  /**
   * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}), built
   * beside {@code path} and renamed to it when complete; an existing directory there is an error.
   */
  static Output directory(Path path) {
    return new DirectoryOutput(path, false);
  }

  /**
   * As {@link #directory(Path)}, replacing an existing directory there once the new one is done.
   */
  static Output replacingDirectory(Path path) {
    return new DirectoryOutput(path, true);
  }

  /** A file, and whether it may be the input itself. */
  record FileOutput(Path path, boolean inPlace) implements Output {}

  /** A stream. */
  record StreamOutput(OutputStream stream) implements Output {}

  /** A layout directory, and whether it may replace one that exists. */
  record DirectoryOutput(Path path, boolean replace) implements Output {}
}
