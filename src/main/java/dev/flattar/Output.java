package dev.flattar;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where the result is written. A file appears only when complete (written beside it under a
 * temporary name, then renamed); on failure an existing file there is left untouched.
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

  /** A file, and whether it may be the input itself. */
  record FileOutput(Path path, boolean inPlace) implements Output {}

  /** A stream. */
  record StreamOutput(OutputStream stream) implements Output {}
}
