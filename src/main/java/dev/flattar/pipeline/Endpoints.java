package dev.flattar.pipeline;

import dev.flattar.io.AtomicDirectory;
import dev.flattar.io.AtomicOutput;
import dev.flattar.io.InputArchive;
import dev.flattar.io.InputDirectory;
import dev.flattar.io.InputSource;
import dev.flattar.io.StandardInput;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening the input and creating the output: the run's two ends, checked before any work. */
final class Endpoints {
  private Endpoints() {}

  /** The input: an archive file (a spool of a stream), or a layout directory read in place. */
  static InputSource open(Source source, Path tempDir, Reporter reporter)
      throws FlatTarException, IOException {
    if (source instanceof Source.File f) {
      if (Files.isDirectory(f.path())) {
        reporter.verbose("reading the directory " + f.path() + " in place");
        return InputDirectory.open(f.path(), f.path().toString());
      }
      return InputArchive.open(f.path(), tempDir);
    }
    InputStream stream = ((Source.Stream) source).stream();
    Path inPlace = stream == System.in ? StandardInput.regularFile() : null;
    if (inPlace != null) {
      reporter.verbose("stdin is a file: reading it in place");
      return InputArchive.open(inPlace, "stdin", tempDir);
    }
    reporter.verbose("spooling stdin to " + tempDir);
    return InputArchive.stdin(stream, tempDir);
  }

  /** The output file's temporary twin, created beside it; renamed over it on commit. */
  static AtomicOutput create(Path output) throws FlatTarException {
    Path dir = output.toAbsolutePath().getParent();
    if (Files.isDirectory(output)) {
      throw new FlatTarException("cannot write output '" + output + "': it is a directory");
    }
    if (dir != null && !Files.isDirectory(dir)) {
      throw new FlatTarException(
          "cannot write output '" + output + "': directory '" + dir + "' does not exist");
    }
    try {
      return AtomicOutput.create(output);
    } catch (IOException e) {
      throw new FlatTarException(
          "cannot write output '"
              + output
              + "': cannot create a file in '"
              + dir
              + "' ("
              + (e instanceof FileSystemException f && f.getReason() != null
                  ? f.getReason()
                  : e.getClass().getSimpleName().replace("Exception", ""))
              + ")",
          e);
    }
  }

  /** A layout directory's twin, built beside it; renamed over it on commit. */
  static AtomicDirectory createDirectory(Target.Directory output) throws FlatTarException {
    Path path = output.path();
    if (Files.exists(path) && !output.replace()) {
      throw new FlatTarException(
          "output directory '"
              + path
              + "' exists; remove it, or replace it when complete with --replace");
    }
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new FlatTarException("cannot write output '" + path + "/': it is a file");
    }
    Path dir = path.toAbsolutePath().normalize().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new FlatTarException(
          "cannot write output '" + path + "/': directory '" + dir + "' does not exist");
    }
    try {
      return AtomicDirectory.create(path, output.replace());
    } catch (IOException e) {
      throw new FlatTarException(
          "cannot write output '" + path + "/': cannot create a directory in '" + dir + "'", e);
    }
  }

  /** An output file must not be the input, unless it is meant to replace it. */
  static void refuseSameFile(Source source, Target.File output) throws FlatTarException {
    boolean same = source instanceof Source.File in && sameFile(in.path(), output.path());
    if (same && !output.inPlace()) {
      throw new FlatTarException(
          "output '"
              + output.path()
              + "' is the input file; write to another path, or use --in-place");
    }
    if (output.inPlace() && !same) {
      throw new FlatTarException("--in-place needs the output to be the input file");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())
          || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
    } catch (IOException e) {
      return false;
    }
  }
}
