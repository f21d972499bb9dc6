package dev.flattar.pipeline;

import dev.flattar.io.AtomicDirectory;
import dev.flattar.io.AtomicOutput;
import dev.flattar.io.InputSource;
import dev.flattar.io.TempFiles;
import dev.flattar.model.FlatTarException;
import dev.flattar.writer.ArchiveSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A run from its source to its target, stage by stage: open the input, read and check the images
 * ({@link ImageSources}), plan each new layer ({@link ImagePlanning}), write ({@link Flattening},
 * {@link RootfsExport}), and read the result back when asked ({@link Verification}). The public API
 * calls this; it knows nothing of the public API.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Flattens (or, with {@link Job#rootfs}, exports) the images {@code job} chooses. */
  public static Outcome flatten(Source source, Target target, Job job)
      throws FlatTarException, IOException {
    try {
      return run(source, target, job);
    } finally {
      job.progress().done();
    }
  }

  /** Reads layer headers only and reports what flattening would do; writes nothing. */
  public static Inspected inspect(Source source, Job job) throws FlatTarException, IOException {
    try (InputSource input = Endpoints.open(source, job.tempDir(), job.reporter())) {
      return Inspection.inspect(input, job);
    }
  }

  /** Compares two images' merged filesystems and configs; writes nothing. */
  public static DiffOutcome diff(Source first, Source second, DiffJob job)
      throws FlatTarException, IOException {
    return Diffing.diff(first, second, job);
  }

  /** {@code $TMPDIR} when set, else the JVM's temporary directory. */
  public static Path defaultTempDir() {
    return TempFiles.directory();
  }

  private static Outcome run(Source source, Target target, Job job)
      throws FlatTarException, IOException {
    if (target instanceof Target.File file) {
      Endpoints.refuseSameFile(source, file);
    }
    try (InputSource input = Endpoints.open(source, job.tempDir(), job.reporter())) {
      if (target instanceof Target.Stream stream) {
        return write(input, new OutputPlace.Archive(ArchiveSink.of(stream.stream()), null), job);
      }
      if (target instanceof Target.Directory directory) {
        try (AtomicDirectory out = Endpoints.createDirectory(directory)) {
          Outcome outcome = write(input, new OutputPlace.Directory(out.root()), job);
          out.commit();
          return outcome;
        }
      }
      try (AtomicOutput out = Endpoints.create(((Target.File) target).path())) {
        OutputPlace place = new OutputPlace.Archive(ArchiveSink.of(out.channel()), out.channel());
        Outcome outcome = write(input, place, job);
        out.commit();
        return outcome;
      }
    }
  }

  private static Outcome write(InputSource input, OutputPlace place, Job job)
      throws FlatTarException, IOException {
    if (job.rootfs()) {
      return RootfsExport.write(input, (OutputPlace.Archive) place, job);
    }
    Flattening.Run run = Flattening.flatten(input, place, job);
    if (job.verify() && place.keptWhenComplete()) {
      Verification.verify(place, run.planned(), run.written());
      job.reporter().verbose("verified: configs, digests and members are as planned");
    }
    return run.outcome();
  }
}
