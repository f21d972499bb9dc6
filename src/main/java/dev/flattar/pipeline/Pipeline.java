package dev.flattar.pipeline;

import dev.flattar.io.AtomicOutput;
import dev.flattar.io.InputArchive;
import dev.flattar.io.TempFiles;
import dev.flattar.model.FlatTarException;
import dev.flattar.writer.ArchiveSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

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
    try (InputArchive archive = Endpoints.open(source, job.tempDir(), job.reporter())) {
      return Inspection.inspect(archive, job);
    }
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
    try (InputArchive archive = Endpoints.open(source, job.tempDir(), job.reporter())) {
      if (target instanceof Target.Stream stream) {
        return write(archive, ArchiveSink.of(stream.stream()), null, job);
      }
      try (AtomicOutput out = Endpoints.create(((Target.File) target).path())) {
        Outcome outcome = write(archive, ArchiveSink.of(out.channel()), out.channel(), job);
        out.commit();
        return outcome;
      }
    }
  }

  /**
   * @param written the output file, when there is one: checks may then finish after the first bytes
   *     are written (it is kept only if this returns), and --verify reads it back
   */
  private static Outcome write(
      InputArchive archive, ArchiveSink sink, @Nullable FileChannel written, Job job)
      throws FlatTarException, IOException {
    if (job.rootfs()) {
      return RootfsExport.write(archive, sink, job, written != null);
    }
    Flattening.Run run = Flattening.flatten(archive, sink, job, written != null);
    if (job.verify() && written != null) {
      sink.flush();
      Verification.verify(written, "the written archive", run.planned(), run.written());
      job.reporter().verbose("verified: configs, digests and members are as planned");
    }
    return run.outcome();
  }
}
