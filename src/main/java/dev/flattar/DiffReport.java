package dev.flattar;

import dev.flattar.model.Difference;
import java.util.List;

/**
 * Two images compared ({@link FlatTar#diff}): their merged filesystems path by path (type, mode,
 * owner, size and content, link target, device, xattrs, hard-link groups, mtime) and their configs.
 *
 * @param first how the first image is named ({@code app:1 (ab12cd34ef56, linux/amd64)})
 * @param firstPaths how many paths its merged filesystem has
 * @param differences the filesystems' in path order, then the configs'
 */
public record DiffReport(
    String first, String second, long firstPaths, long secondPaths, List<Difference> differences) {
  public DiffReport {
    differences = List.copyOf(differences);
  }

  /** Whether the two images have the same filesystem and config. */
  public boolean same() {
    return differences.isEmpty();
  }

  /** How many differences of that kind. */
  public long count(Difference.Kind kind) {
    return differences.stream().filter(d -> d.kind() == kind).count();
  }
}
