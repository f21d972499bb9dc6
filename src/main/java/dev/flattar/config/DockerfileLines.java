package dev.flattar.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Dockerfile text into instructions as Docker's parser does (buildkit {@code parser.Parse}):
 * parser directives ({@code # escape=`}) before anything else, whole-line comments, blank lines,
 * and lines continued with the escape character, including across comment and blank lines. Docker
 * joins all {@code --change} values with newlines and parses them as one text, so a change ending
 * in {@code \} continues into the next.
 */
final class DockerfileLines {
  /** The instructions (continuations joined) and the escape character in force. */
  record Script(List<String> instructions, char escape) {}

  // Go's \s is [\t\n\f\r ]; Java's would add \v.
  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*",
          Pattern.DOTALL);

  private char escape = '\\';
  private Pattern continuation = continuationFor('\\');
  private boolean directivesDone;
  private final Set<String> directivesSeen = new HashSet<>();

  private DockerfileLines() {}

  /**
   * Splits {@code text}.
   *
   * @throws IllegalArgumentException for a repeated or invalid directive, or no instruction at all
   */
  static Script split(String text) {
    return new DockerfileLines().run(text);
  }

  private Script run(String text) {
    List<String> lines = scanLines(text);
    List<String> instructions = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String raw = lines.get(i);
      if (i == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String token = GoText.trimLeft(raw);
      directive(token);
      i++;
      String line = token.startsWith("#") ? "" : token;
      boolean ends = !continues(line);
      line = ends ? line : dropContinuation(line);
      if (ends && line.isEmpty()) {
        continue;
      }
      while (!ends && i < lines.size()) {
        String next = lines.get(i++);
        directive(next);
        if (GoText.trimLeft(next).startsWith("#") || GoText.trimLeft(next).isEmpty()) {
          continue; // comment and blank lines inside a continued instruction are skipped
        }
        ends = !continues(next);
        line += ends ? next : dropContinuation(next);
      }
      instructions.add(line);
    }
    if (instructions.isEmpty()) {
      throw new IllegalArgumentException("no instruction (only comments or blank lines)");
    }
    return new Script(List.copyOf(instructions), escape);
  }

  /** Go's {@code bufio.ScanLines}: split on \n, one trailing \r dropped, no empty last line. */
  private static List<String> scanLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = end + 1;
    }
    return lines;
  }

  /** A directive counts only before the first line that is not one (Docker's rule). */
  private void directive(String line) {
    if (directivesDone) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(line);
    String name = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    if (!name.equals("escape") && !name.equals("syntax")) {
      directivesDone = true;
      return;
    }
    if (!directivesSeen.add(name)) {
      throw new IllegalArgumentException("only one " + name + " parser directive can be used");
    }
    if (name.equals("escape")) {
      String value = m.group(2);
      if (!value.equals("`") && !value.equals("\\")) {
        throw new IllegalArgumentException(
            "invalid escape token '" + value + "' does not match ` or \\");
      }
      escape = value.charAt(0);
      continuation = continuationFor(escape);
    }
  }

  private boolean continues(String line) {
    return continuation.matcher(line).find();
  }

  /** The line without its final escape character (and the blanks after it). */
  private String dropContinuation(String line) {
    Matcher m = continuation.matcher(line);
    m.find();
    return line.substring(0, m.start()) + (m.group(1) == null ? "" : m.group(1));
  }

  /** The escape character last on a line, unless it is escaped itself (Docker's expression). */
  private static Pattern continuationFor(char escape) {
    String e = escape == '\\' ? "\\\\" : "`";
    return Pattern.compile(
        "([^" + e + "])" + e + "[ \\t]*\\z|^" + e + "[ \\t]*\\z", Pattern.DOTALL);
  }
}
