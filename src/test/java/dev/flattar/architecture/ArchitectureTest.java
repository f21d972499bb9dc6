package dev.flattar.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layout README draws, held by the build: dependencies point one way, cli → api →
 * pipeline → archive/merge/writer → tar/io → model (config, pure changes to image configs, beside
 * model), and each package imports only what its row allows. A new package must be given a row.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/dev/flattar");

  /** Each package (the API is the root package, "") and the packages it may import. */
  static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("cli", Set.of("", "model")),
          Map.entry("", Set.of("pipeline", "config", "model")),
          Map.entry(
              "pipeline",
              Set.of("archive", "merge", "writer", "config", "diff", "io", "tar", "model")),
          Map.entry("diff", Set.of("merge", "io", "tar", "model")),
          Map.entry("config", Set.of("model")),
          Map.entry("archive", Set.of("io", "tar", "model")),
          Map.entry("merge", Set.of("tar", "model")),
          Map.entry("writer", Set.of("merge", "io", "tar", "model")),
          Map.entry("io", Set.of("tar", "model")),
          Map.entry("tar", Set.of("model")),
          Map.entry("model", Set.of()));

  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.flattar\\.(?:([a-z]+)\\.)?[A-Z]", Pattern.MULTILINE);

  @Test
  void everyPackage_importsOnlyWhatItsRowAllows() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      String from = packageOf(file);
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String to = m.group(1) == null ? "" : m.group(1);
        if (!to.equals(from) && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
          violations.add(name(from) + " -> " + name(to) + " in " + MAIN.relativize(file));
        }
      }
    }
    assertThat(violations).as("imports against the layout").isEmpty();
  }

  @Test
  void everyPackage_hasARow() throws IOException {
    Set<String> packages = new TreeSet<>();
    for (Path file : sources()) {
      packages.add(packageOf(file));
    }
    assertThat(ALLOWED.keySet()).containsAll(packages);
  }

  @Test
  void noCodeNamesAProjectClassByItsFullName() throws IOException {
    List<String> inline = new ArrayList<>();
    for (Path file : sources()) {
      for (String line : Files.readAllLines(file)) {
        String code = line.strip();
        boolean comment = code.startsWith("*") || code.startsWith("/*") || code.startsWith("//");
        if (!comment
            && !code.startsWith("import ")
            && !code.startsWith("package ")
            && code.matches(".*\\bdev\\.flattar\\.[a-z.]*[A-Z].*")) {
          inline.add(MAIN.relativize(file) + ": " + code);
        }
      }
    }
    assertThat(inline).as("write an import instead").isEmpty();
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** "" for the API (the root package), else the first package name below it. */
  private static String packageOf(Path file) {
    Path relative = MAIN.relativize(file);
    return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
  }

  private static String name(String pkg) {
    return pkg.isEmpty() ? "api" : pkg;
  }
}
