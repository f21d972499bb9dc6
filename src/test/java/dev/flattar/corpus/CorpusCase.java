package dev.flattar.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One row of the corpus README table: an archive and the outcome it must get. */
record CorpusCase(Path archive, int images, String expect) {

  boolean mustFlatten() {
    return expect.startsWith("flatten");
  }

  @Override
  public String toString() {
    return archive.getFileName() + " (" + expect + ")";
  }

  /** The rows of {@code README.md} in the corpus directory, or none if it is absent. */
  static List<CorpusCase> load(Path corpus) throws IOException {
    List<CorpusCase> cases = new ArrayList<>();
    Path readme = corpus.resolve("README.md");
    if (!Files.isRegularFile(readme)) {
      return cases;
    }
    for (String line : Files.readAllLines(readme)) {
      if (!line.startsWith("| ") || !line.contains(".tar |")) {
        continue;
      }
      String[] cols = line.split("\\|");
      String file = cols[1].trim();
      int images = Integer.parseInt(cols[3].trim());
      String expect = cols[cols.length - 1].trim();
      cases.add(new CorpusCase(corpus.resolve(file), images, expect));
    }
    return cases;
  }

  static Path directory() {
    return Path.of(System.getProperty("flattar.corpus", "../shared/corpus"));
  }
}
