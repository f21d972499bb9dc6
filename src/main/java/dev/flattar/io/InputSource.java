package dev.flattar.io;

import java.io.Closeable;

/** An input as flat-tar reads it: an archive file ({@link InputArchive}) or a layout directory. */
public sealed interface InputSource extends Closeable permits InputArchive, InputDirectory {
  /** How the input names itself in messages: its path, or "stdin". */
  String label();

  /** What is known of its members' data: their digests, computed as it was spooled (if it was). */
  SpoolDigests digests();
}
