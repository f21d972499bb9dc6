package dev.flattar.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How Docker's parser cuts one instruction line into its parts (buildkit {@code
 * parser/split_command.go} and {@code line_parsers.go}): the keyword, leading {@code --flags}, and
 * the argument text as words (quotes kept, for {@link ShellLex} to process later), name=value
 * pairs, or blank-separated strings.
 */
final class LineParsers {
  /** An instruction line: keyword (lower case), its {@code --flags}, and the rest, trimmed. */
  record Split(String keyword, List<String> flags, String arguments) {}

  private LineParsers() {}

  static Split split(String line) {
    String[] parts = GoText.splitBlanks(GoText.trimSpace(line), 2);
    String keyword = parts[0].toLowerCase(Locale.ROOT);
    if (parts.length < 2) {
      return new Split(keyword, List.of(), "");
    }
    List<String> flags = new ArrayList<>();
    String rest = extractFlags(parts[1], flags);
    return new Split(keyword, List.copyOf(flags), GoText.trimSpace(rest));
  }

  /** Collects the leading words that start with {@code --} (quotes removed); returns the rest. */
  private static String extractFlags(String line, List<String> flags) {
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    for (int pos = 0; pos < line.length(); pos++) {
      char c = line.charAt(pos);
      if (!inWord && quote == 0) {
        if (GoText.isSpace(c)) {
          continue;
        }
        if (c != '-' || pos + 1 == line.length() || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        inWord = true;
      }
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
          continue;
        }
      } else if (GoText.isSpace(c)) {
        inWord = false;
        if (word.toString().equals("--")) {
          return line.substring(pos);
        }
        if (blankOk || word.length() > 0) {
          flags.add(word.toString());
        }
        word.setLength(0);
        blankOk = false;
        continue;
      } else if (c == '\'' || c == '"') {
        quote = c;
        blankOk = true;
        continue;
      }
      if (c == '\\') {
        if (pos + 1 == line.length()) {
          quote = 0; // a backslash at the very end is dropped (and ends a quote)
          continue;
        }
        c = line.charAt(++pos);
      }
      word.append(c);
    }
    if ((inWord || quote != 0) && !word.toString().equals("--") && (blankOk || word.length() > 0)) {
      flags.add(word.toString());
    }
    return "";
  }

  /** Words split on spaces outside quotes; quotes and escapes are kept for {@link ShellLex}. */
  static List<String> words(String rest, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    int quote = 0;
    int pos = 0;
    while (pos < rest.length()) {
      int c = rest.codePointAt(pos);
      pos += Character.charCount(c);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == escape && quote != '\'') {
          if (pos == rest.length()) {
            quote = 0; // an escape at the very end is dropped and ends the quote
            continue;
          }
          word.appendCodePoint(c);
          c = rest.codePointAt(pos);
          pos += Character.charCount(c);
        }
        word.appendCodePoint(c);
        continue;
      }
      if (GoText.isSpace(c)) {
        if (inWord && (blankOk || word.length() > 0)) {
          words.add(word.toString());
        }
        inWord = false;
        word.setLength(0);
        blankOk = false;
        continue;
      }
      inWord = true;
      if (c == '\'' || c == '"') {
        quote = c;
        blankOk = true;
      }
      if (c == escape) {
        if (pos == rest.length()) {
          continue; // an escape at the very end is dropped
        }
        word.appendCodePoint(c);
        c = rest.codePointAt(pos);
        pos += Character.charCount(c);
      }
      word.appendCodePoint(c);
    }
    if (inWord && (blankOk || word.length() > 0)) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * ENV and LABEL pairs, raw: {@code k=v k2="v 2"}, or the old {@code k v w} (the value is the rest
   * of the line); no pair at all for empty text.
   */
  static List<String[]> nameValues(String rest, String keyword, char escape) {
    List<String> words = words(rest, escape);
    if (words.isEmpty()) {
      return List.of();
    }
    if (!words.get(0).contains("=")) {
      String[] parts = GoText.splitBlanks(rest, 2);
      if (parts.length < 2) {
        throw new IllegalArgumentException(keyword + " must have two arguments");
      }
      return List.<String[]>of(parts);
    }
    List<String[]> pairs = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "can't find = in '" + word + "'; it must be of the form name=value");
      }
      pairs.add(new String[] {word.substring(0, eq), word.substring(eq + 1)});
    }
    return pairs;
  }

  /** Strings separated by runs of {@code [\t\v\f\r ]}; none for empty text. */
  static List<String> blankSeparated(String rest) {
    return rest.isEmpty() ? List.of() : List.of(GoText.splitBlanks(rest, -1));
  }
}
