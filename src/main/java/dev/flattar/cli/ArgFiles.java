package dev.flattar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code @FILE} arguments: the file's lines, one argument each (Bazel's param file format). A word
 * that is an option's value ({@code --clamp-mtime @1700000000}) is left alone.
 */
final class ArgFiles {
  /** Spellings of the options that take a value: the word after one is never a file. */
  private static final Set<String> WITH_VALUES = withValues();

  private ArgFiles() {}

  static List<String> expand(List<String> args) throws CliOptions.UsageException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      boolean isValue = i > 0 && WITH_VALUES.contains(args.get(i - 1));
      if (arg.startsWith("@") && arg.length() > 1 && !isValue) {
        try {
          for (String line : Files.readAllLines(Path.of(arg.substring(1)))) {
            if (!line.isEmpty()) {
              out.add(line);
            }
          }
        } catch (IOException e) {
          throw new CliOptions.UsageException(
              "cannot read argument file '" + arg.substring(1) + "'");
        }
      } else {
        out.add(arg);
      }
    }
    return out;
  }

  private static Set<String> withValues() {
    Set<String> spellings = new HashSet<>();
    for (Flag flag : Flag.values()) {
      if (flag.takesValue()) {
        for (String s : flag.spellings()) {
          spellings.add((s.length() == 1 ? "-" : "--") + s);
        }
      }
    }
    return spellings;
  }
}
