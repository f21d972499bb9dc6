package dev.flattar.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** One-line descriptions of I/O failures. */
final class Failures {
  private Failures() {}

  static String describe(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() == null ? "" : ": " + f.getFile());
    }
    String message = e.getMessage();
    if (message != null && message.contains("No space left on device")) {
      return "write failed: no space left on device";
    }
    if (message != null && message.contains("Broken pipe")) {
      return "write failed: the reader of standard output went away (broken pipe)";
    }
    return "I/O error: " + (message == null ? e.getClass().getSimpleName() : message);
  }
}
