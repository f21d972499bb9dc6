package dev.flattar.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * Which bottom layers of an image stay as they are.
 *
 * @param keep how many (0: flatten everything), when {@code fromLayer} is null
 * @param fromLayer the topmost kept layer: a diff_id, a unique prefix of one, or a 1-based position
 */
public record BaseChoice(int keep, @Nullable String fromLayer) {
  /** Whether any layer may be kept. */
  boolean keepsAny() {
    return keep > 0 || fromLayer != null;
  }
}
