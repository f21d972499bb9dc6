package dev.flattar.interop;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anchors Docker's view of an engine-made original to the overlayfs view recorded when it was built
 * ({@code X.expected.tsv}), so that an export that came out empty or wrong cannot make the
 * comparisons pass. Two things differ by design and are left out: what {@code docker create} adds
 * (see {@link DockerExport}), and xattrs other than {@code security.capability}, the only one
 * Docker's export carries (moby pkg/archive reads no other).
 */
final class DockerAnchor {
  private DockerAnchor() {}

  static void assertSameAsRecorded(String label, Path expectedTsv, Tree export) {
    Tree recorded = TreeWalk.read(expectedTsv, expectedTsv.getFileName().toString());
    TreeDiff.assertSame(
        label + " (anchor)",
        DockerExport.withoutCreatedByDocker(onlyCapabilities(recorded)),
        DockerExport.withoutCreatedByDocker(export),
        Long.MAX_VALUE);
  }

  /** The tree with every xattr but {@code security.capability} dropped. */
  static Tree onlyCapabilities(Tree tree) {
    Map<String, Tree.Row> rows = new LinkedHashMap<>();
    tree.rows().forEach((path, r) -> rows.put(path, r.withXattrs(capabilities(r.xattrs()))));
    return new Tree(tree.source(), rows);
  }

  private static String capabilities(String xattrs) {
    for (String x : xattrs.split(",")) {
      if (x.startsWith("security.capability=")) {
        return x;
      }
    }
    return "-";
  }
}
