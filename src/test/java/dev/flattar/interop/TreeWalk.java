package dev.flattar.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Walks a mounted or unpacked root with the project's walker, {@code src/test/engine/
 * inspect-archive.py --tree}: lstat of every path, sha256 of every regular file, readlink, device
 * numbers, every xattr including {@code security.*} (which Java cannot read), hard-link groups by
 * inode.
 */
final class TreeWalk {
  private TreeWalk() {}

  static Path walker() {
    Path script =
        Path.of(System.getProperty("flattar.engine", "src/test/engine"), "inspect-archive.py");
    if (!Files.isRegularFile(script)) {
      throw new AssertionError("tree walker not found: " + script.toAbsolutePath());
    }
    return script;
  }

  /** The tree under {@code root}, labelled with who showed it. */
  static Tree walk(Path root, String source) {
    Cmd.Result r =
        Cmd.run(
                List.of("python3", walker().toString(), "--tree", root.toString()),
                Map.of("PYTHONIOENCODING", "utf-8", "LC_ALL", "C.UTF-8"),
                Duration.ofMinutes(5))
            .orFail();
    return Tree.parse(source, r.stdout().lines().toList());
  }

  /** A saved walker output, such as {@code testdata/engine/X.expected.tsv}. */
  static Tree read(Path tsv, String source) {
    try {
      return Tree.parse(source, Files.readAllLines(tsv));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + tsv, e);
    }
  }
}
