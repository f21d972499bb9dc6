package dev.flattar.writer;

import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Progress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How archives are written.
 *
 * @param product names the tool in the history entry it adds ("flat-tar 1.0.0")
 * @param created the config's new {@code created} (RFC 3339), or null to keep the source's
 * @param configChanges what was changed in the configs, for the new history entry ("LABEL a=b; ENV
 *     C=d"), or null
 * @param tempDir where a member is spooled when the output cannot be rewritten in place
 * @param progress told how many bytes and entries are written
 */
public record WriterSettings(
    OutputFormat format,
    OutputCompression compression,
    String product,
    @Nullable String created,
    @Nullable String configChanges,
    Path tempDir,
    Progress progress) {}
