package dev.flattar.pipeline;

import dev.flattar.Version;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Progress;
import dev.flattar.model.Reporter;
import java.nio.file.Path;
import java.util.List;

/** Jobs for tests that drive the pipeline's stages directly. */
final class TestJobs {
  private TestJobs() {}

  /** Flatten the only image into one layer, docker format, the source's names. */
  static Job defaults(Path tempDir) {
    return new Job(
        new ImageChoice(null, List.of(), false),
        List.of(),
        new BaseChoice(0, null),
        List.of(),
        OutputFormat.AUTO,
        OutputCompression.NONE,
        null,
        Long.MAX_VALUE,
        null,
        false,
        false,
        2,
        tempDir,
        Reporter.SILENT,
        Progress.NONE,
        Version.product());
  }
}
