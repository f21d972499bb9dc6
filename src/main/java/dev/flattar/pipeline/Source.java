package dev.flattar.pipeline;

import java.io.InputStream;
import java.nio.file.Path;

/** Where the input archive comes from. */
public sealed interface Source {
  /** An archive file, read in place. */
  record File(Path path) implements Source {}

  /** A stream read to its end (not closed); {@code System.in} that is a file is read in place. */
  record Stream(InputStream stream) implements Source {}
}
