package dev.flattar;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where an image archive is read from. A file is read in place (never copied, never modified); a
 * stream is spooled once to the temporary directory, since manifest.json comes last.
 */
public sealed interface Input {
  static Input file(Path path) {
    return new FileInput(path);
  }

  /**
   * A stream, read to its end and not closed. {@code System.in} that is a regular file from its
   * start (a shell's {@code < image.tar}) is read in place instead, like a file.
   */
  static Input stream(InputStream stream) {
    return new StreamInput(stream);
  }

  /** An archive file. */
  record FileInput(Path path) implements Input {}

  /** An archive arriving on a stream. */
  record StreamInput(InputStream stream) implements Input {}
}
