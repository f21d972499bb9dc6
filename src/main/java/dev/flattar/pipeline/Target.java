package dev.flattar.pipeline;

import java.io.OutputStream;
import java.nio.file.Path;

/** Where the result goes. */
public sealed interface Target {
  /** A file that appears only when complete; {@code inPlace} when it replaces the input. */
  record File(Path path, boolean inPlace) implements Target {}

  /** A stream, flushed and not closed. */
  record Stream(OutputStream stream) implements Target {}

  /** An OCI layout directory that appears when complete; {@code replace} an existing one. */
  record Directory(Path path, boolean replace) implements Target {}
}
