package dev.flattar;

import dev.flattar.io.AtomicOutput;
import dev.flattar.io.InputArchive;
import dev.flattar.io.StandardInput;
import dev.flattar.model.FlatTarException;
import dev.flattar.writer.ArchiveSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Flattens docker-save archives offline: an image of many layers becomes an image of one (or a kept
 * base plus one), with the same filesystem, config and names.
 *
 * <pre>{@code
 * FlattenResult r = FlatTar.flatten(
 *     Input.file(Path.of("app.tar")), Output.file(Path.of("app-flat.tar")),
 *     FlattenOptions.builder().tag("app:flat").build());
 * }</pre>
 *
 * <p>Every method reports bad input as a {@link FlatTarException} with a one-line message, finds it
 * before writing anything, and never leaves a partial output file.
 */
public final class FlatTar {
  private FlatTar() {}

  /** Flattens the archive {@code input} into {@code output}. */
  public static FlattenResult flatten(Input input, Output output, FlattenOptions options)
      throws FlatTarException, IOException {
    if (options.verify() && !(output instanceof Output.FileOutput)) {
      throw new FlatTarException(
          "--verify reads the output back, so it needs a file output (-o FILE)");
    }
    return run(
        input,
        output,
        options,
        (archive, sink, written) -> {
          Flattening.Run run = Flattening.flatten(archive, sink, options, written != null);
          if (options.verify() && written != null) {
            sink.flush();
            Verification.verify(written, "the written archive", run.planned(), run.written());
            options.reporter().verbose("verified: configs, digests and members are as planned");
          }
          return run.result();
        });
  }

  /** Shorthand for flattening one file into another. */
  public static FlattenResult flatten(Path input, Path output, FlattenOptions options)
      throws FlatTarException, IOException {
    return flatten(Input.file(input), Output.file(output), options);
  }

  /**
   * Writes only the merged filesystem of the image, as a plain (or, with {@code
   * options.compression()}, compressed) tar: what {@code crane export} and dimgx produce, with
   * flat-tar's whiteout and hard-link handling.
   */
  public static ImageResult exportRootfs(Input input, Output output, FlattenOptions options)
      throws FlatTarException, IOException {
    return run(
        input,
        output,
        options,
        (archive, sink, written) -> Flattening.rootfs(archive, sink, options, written != null));
  }

  /**
   * Reads layer headers only (no digests are checked) and reports per layer what it holds, what
   * later layers hide of it, and what flattening would produce.
   */
  public static InspectReport inspect(Input input, FlattenOptions options)
      throws FlatTarException, IOException {
    try (InputArchive archive = open(input, options)) {
      return Inspection.inspect(archive, options);
    }
  }

  @FunctionalInterface
  private interface Job<R> {
    /**
     * @param written the output file, when there is one (for reading it back), else null
     */
    R run(InputArchive archive, ArchiveSink sink, java.nio.channels.FileChannel written)
        throws FlatTarException, IOException;
  }

  private static <R> R run(Input input, Output output, FlattenOptions options, Job<R> job)
      throws FlatTarException, IOException {
    try {
      return runJob(input, output, options, job);
    } finally {
      options.progress().done();
    }
  }

  private static <R> R runJob(Input input, Output output, FlattenOptions options, Job<R> job)
      throws FlatTarException, IOException {
    if (output instanceof Output.FileOutput file) {
      refuseSameFile(input, file);
    }
    try (InputArchive archive = open(input, options)) {
      if (output instanceof Output.StreamOutput stream) {
        return job.run(archive, ArchiveSink.of(stream.stream()), null);
      }
      try (AtomicOutput out = createOutput(((Output.FileOutput) output).path())) {
        R result = job.run(archive, ArchiveSink.of(out.channel()), out.channel());
        out.commit();
        return result;
      }
    }
  }

  private static InputArchive open(Input input, FlattenOptions options)
      throws FlatTarException, IOException {
    if (input instanceof Input.FileInput f) {
      return InputArchive.open(f.path(), options.tempDir());
    }
    InputStream stream = ((Input.StreamInput) input).stream();
    Path inPlace = stream == System.in ? StandardInput.regularFile() : null;
    if (inPlace != null) {
      options.reporter().verbose("stdin is a file: reading it in place");
      return InputArchive.open(inPlace, "stdin", options.tempDir());
    }
    options.reporter().verbose("spooling stdin to " + options.tempDir());
    return InputArchive.stdin(stream, options.tempDir());
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
              + (e instanceof FileSystemException f && f.getReason() != null
                  ? f.getReason()
                  : e.getClass().getSimpleName().replace("Exception", ""))
              + ")",
          e);
    }
  }

  private static void refuseSameFile(Input input, Output.FileOutput output)
      throws FlatTarException {
    boolean same = input instanceof Input.FileInput in && sameFile(in.path(), output.path());
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
