package dev.flattar.pipeline;

import dev.flattar.model.Difference;
import java.util.List;

/**
 * Two images compared.
 *
 * @param first how the first image is named in messages ({@code app:1 (ab12cd34ef56, linux/amd64)})
 * @param firstPaths how many paths its merged filesystem has
 * @param differences of the filesystems in path order, then of the configs
 */
public record DiffOutcome(
    String first, String second, long firstPaths, long secondPaths, List<Difference> differences) {
  public DiffOutcome {
    differences = List.copyOf(differences);
  }
}
