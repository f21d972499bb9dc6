package dev.flattar.interop;

import dev.flattar.testing.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The tier's inputs: the engine-made archives in testdata/ and the corpus's "flatten" rows. */
final class Inputs {
  /**
   * "flatten" rows that flat-tar deliberately refuses (the unit tier's CorpusTest.DISAGREEMENTS),
   * with the text its error must contain. The tier checks that every engine refuses them too.
   */
  static final Map<String, String> REFUSED =
      Map.of(
          "snyk-oci-with-manifest-macos.tar",
          "lists 1 layer but the config's rootfs.diff_ids has 4");

  private Inputs() {}

  static Path testdata() {
    return Path.of(System.getProperty("flattar.testdata", "testdata"));
  }

  static Path corpus() {
    return Path.of(System.getProperty("flattar.corpus", "../shared/corpus"));
  }

  /** Every {@code *.tar} in {@code dir}, sorted, with its {@code X.expected.tsv} when present. */
  static List<InteropCase> engineArchives(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".tar"))
          .sorted()
          .map(p -> new InteropCase(p, null, expectedTsv(p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static Path expectedTsv(Path archive) {
    String name = archive.getFileName().toString();
    Path tsv = archive.resolveSibling(name.substring(0, name.indexOf('.')) + ".expected.tsv");
    return Files.isRegularFile(tsv) ? tsv : null;
  }

  /**
   * One case per image of every corpus row whose {@code expect} starts with "flatten" (minus {@link
   * #REFUSED}); a multi-image archive gives one case per image, selected by id.
   */
  static List<InteropCase> corpusFlattenRows() {
    List<InteropCase> out = new ArrayList<>();
    for (String[] row : corpusRows()) {
      Path archive = corpus().resolve(row[0]);
      if (!row[2].startsWith("flatten") || REFUSED.containsKey(row[0])) {
        continue;
      }
      int images = Integer.parseInt(row[1]);
      if (images == 1) {
        out.add(new InteropCase(archive, null, null));
        continue;
      }
      List<OriginalImage> found = SourceArchive.read(archive).images;
      if (found.size() != images) {
        throw new AssertionError(
            row[0]
                + ": corpus README says "
                + images
                + " images, manifest.json has "
                + found.size());
      }
      found.forEach(i -> out.add(new InteropCase(archive, i.id(), null)));
    }
    return out;
  }

  /** The rows of the corpus README table as {file, images, expect}; skips visibly if absent. */
  static List<String[]> corpusRows() {
    Path readme = corpus().resolve("README.md");
    Prerequisites.require(
        Files.isRegularFile(readme),
        "interop corpus cases: no corpus at " + corpus().toAbsolutePath());
    List<String[]> rows = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(readme)) {
        if (!line.startsWith("| ") || !line.contains(".tar |")) {
          continue;
        }
        String[] cols = line.split("\\|");
        rows.add(new String[] {cols[1].trim(), cols[3].trim(), cols[cols.length - 1].trim()});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + readme, e);
    }
    return rows;
  }
}
