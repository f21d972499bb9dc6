package dev.flattar;

import dev.flattar.io.AtomicOutput;
import dev.flattar.io.InputArchive;
import dev.flattar.model.FlatTarException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Flattens docker-save archives: an image of many layers becomes an image of one, with the same
 * filesystem, config and names. Offline; no Docker daemon involved.
 *
 * <pre>{@code
 * FlattenResult r = FlatTar.flatten(Path.of("app.tar"), Path.of("app-flat.tar"),
 *     FlattenOptions.builder().tag("app:flat").build());
 * }</pre>
 */
public final class FlatTar {
  private FlatTar() {}

  /**
   * Flattens the archive at {@code input} into {@code output}. The output file appears only when
   * complete; on failure nothing is left at {@code output} (an existing file there is untouched).
   *
   * @throws FlatTarException for bad input: a clear one-line message names the problem
   * @throws IOException if reading or writing fails
   */
  public static FlattenResult flatten(Path input, Path output, FlattenOptions options)
      throws FlatTarException, IOException {
    refuseSameFile(input, output);
    try (InputArchive archive = InputArchive.open(input, options.tempDir());
        AtomicOutput out = createOutput(output)) {
      FlattenResult result = Flattening.run(archive, out.stream(), options);
      out.commit();
      return result;
    }
  }

  /** Flattens the archive at {@code input} onto a stream (not closed). */
  public static FlattenResult flatten(Path input, OutputStream output, FlattenOptions options)
      throws FlatTarException, IOException {
    try (InputArchive archive = InputArchive.open(input, options.tempDir())) {
      return Flattening.run(archive, output, options);
    }
  }

  /**
   * Flattens an archive read from a stream (spooled once to {@code options.tempDir()}, since
   * manifest.json comes last) onto a stream. Neither stream is closed.
   */
  public static FlattenResult flatten(
      InputStream input, OutputStream output, FlattenOptions options)
      throws FlatTarException, IOException {
    try (InputArchive archive = InputArchive.stdin(input, options.tempDir())) {
      return Flattening.run(archive, output, options);
    }
  }

  /** Flattens a stream into a file that appears only when complete. */
  public static FlattenResult flatten(InputStream input, Path output, FlattenOptions options)
      throws FlatTarException, IOException {
    try (InputArchive archive = InputArchive.stdin(input, options.tempDir());
        AtomicOutput out = createOutput(output)) {
      FlattenResult result = Flattening.run(archive, out.stream(), options);
      out.commit();
      return result;
    }
  }

  private static AtomicOutput createOutput(Path output) throws FlatTarException {
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
              + e.getClass().getSimpleName().replace("Exception", "")
              + ")",
          e);
    }
  }

  private static void refuseSameFile(Path input, Path output) throws FlatTarException {
    boolean same;
    try {
      same =
          input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())
              || (Files.exists(output) && Files.exists(input) && Files.isSameFile(input, output));
    } catch (IOException e) {
      same = false;
    }
    if (same) {
      throw new FlatTarException(
          "output '" + output + "' is the input file; write to another path");
    }
  }
}
