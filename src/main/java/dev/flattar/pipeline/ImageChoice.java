package dev.flattar.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * Which images of an archive a run flattens.
 *
 * @param reference a tag or image id prefix naming one image, or null for the only one
 * @param all every image of the archive
 */
public record ImageChoice(@Nullable String reference, boolean all) {}
