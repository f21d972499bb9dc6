package dev.flattar.pipeline;

import dev.flattar.model.Reporter;
import java.nio.file.Path;

/**
 * One comparison of two images.
 *
 * @param first which image of the first input (exactly one, of one platform)
 * @param second which image of the second input
 * @param ignoreMtime leave modification times out
 * @param configAll compare the config's rootfs, history and created too
 */
public record DiffJob(
    ImageChoice first,
    ImageChoice second,
    boolean ignoreMtime,
    boolean configAll,
    int threads,
    Path tempDir,
    Reporter reporter) {}
