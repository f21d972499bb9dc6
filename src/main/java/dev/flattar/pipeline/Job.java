package dev.flattar.pipeline;

import dev.flattar.config.ConfigChange;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Progress;
import dev.flattar.model.Reporter;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One run, as the stages need it: the public options checked and put in the terms the stages use.
 *
 * @param images which images of the archive to flatten
 * @param tags the output RepoTags, already valid; empty keeps each image's own names
 * @param base which bottom layers stay as they are
 * @param configChanges changes to every image's config, in order (none: the config as it is)
 * @param created the config's new {@code created} as written (RFC 3339), or null to keep it
 * @param clampMtime entries newer than this (epoch seconds) get it; {@code Long.MAX_VALUE} for none
 * @param maxLayers an image with at most this many layers is copied unchanged, or null
 * @param verify read the written file back and check it against the plan
 * @param rootfs write only the merged filesystem
 * @param threads worker threads for reading layers
 * @param tempDir where spooled inputs and members go
 * @param product how the tool names itself in the history it writes ("flat-tar 1.0.0")
 */
public record Job(
    ImageChoice images,
    List<String> tags,
    BaseChoice base,
    List<ConfigChange> configChanges,
    OutputFormat format,
    OutputCompression compression,
    @Nullable String created,
    long clampMtime,
    @Nullable Integer maxLayers,
    boolean verify,
    boolean rootfs,
    int threads,
    Path tempDir,
    Reporter reporter,
    Progress progress,
    String product) {
  public Job {
    tags = List.copyOf(tags);
    configChanges = List.copyOf(configChanges);
  }
}
