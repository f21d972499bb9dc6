package dev.flattar.config;

import java.util.List;
import java.util.Map;

/**
 * Docker's word processing for Dockerfile arguments (buildkit {@code frontend/dockerfile/shell}, as
 * vendored by Docker Engine 20.10): quotes and escapes are removed and {@code $NAME}, {@code
 * ${NAME}}, {@code ${NAME:-word}}, {@code ${NAME:+word}}, {@code ${NAME?word}} and {@code
 * ${NAME:?word}} are replaced from the image's environment. Later engines also accept {@code
 * ${NAME-word}}, {@code ${NAME#pattern}} and friends; 20.10 refuses those, so flat-tar does too
 * rather than guess which engine a user means.
 */
final class ShellLex {
  /** What a word became: the whole text, and the text split into fields (EXPOSE's view). */
  record Result(String word, List<String> fields) {}

  private static final int EOF = -1;

  private final String text;
  private final Map<String, String> env;
  private final int escape;
  private int pos;

  private ShellLex(String text, Map<String, String> env, int escape) {
    this.text = text;
    this.env = env;
    this.escape = escape;
  }

  /**
   * Processes one word against {@code env} (name to value).
   *
   * @throws IllegalArgumentException with Docker's reason, e.g. an unterminated quote
   */
  static Result process(String word, Map<String, String> env, int escape) {
    return new ShellLex(word, env, escape).stopOn(EOF);
  }

  private Result stopOn(int stop) {
    StringBuilder result = new StringBuilder();
    WordFields fields = new WordFields();
    while (peek() != EOF) {
      int c = peek();
      if (stop != EOF && c == stop) {
        next();
        return new Result(result.toString(), fields.done());
      }
      if (c == '\'' || c == '"') {
        String quoted = c == '\'' ? singleQuoted() : doubleQuoted();
        result.append(quoted);
        fields.addRaw(quoted);
      } else if (c == '$') {
        String value = dollar();
        result.append(value);
        fields.add(value);
      } else {
        c = next();
        if (c == escape) {
          c = next();
          if (c == EOF) {
            break; // an escape at the very end is dropped
          }
          fields.addRaw(Character.toString(c));
        } else {
          fields.add(Character.toString(c));
        }
        result.appendCodePoint(c);
      }
    }
    if (stop != EOF) {
      throw new IllegalArgumentException(
          "unexpected end of statement while looking for matching " + Character.toString(stop));
    }
    return new Result(result.toString(), fields.done());
  }

  private String singleQuoted() {
    next();
    StringBuilder b = new StringBuilder();
    for (int c = next(); c != '\''; c = next()) {
      if (c == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching single-quote");
      }
      b.appendCodePoint(c);
    }
    return b.toString();
  }

  private String doubleQuoted() {
    next();
    StringBuilder b = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching double-quote");
      } else if (c == '"') {
        next();
        return b.toString();
      } else if (c == '$') {
        b.append(dollar());
      } else {
        c = next();
        if (c == escape) {
          int after = peek();
          if (after == EOF) {
            continue; // dropped; the loop then reports the missing quote
          }
          if (after == '"' || after == '$' || after == escape) {
            c = next();
          }
        }
        b.appendCodePoint(c);
      }
    }
  }

  private String dollar() {
    next();
    if (peek() != '{') {
      String name = name();
      return name.isEmpty() ? "$" : env.getOrDefault(name, "");
    }
    next();
    int first = peek();
    if (first == EOF) {
      throw new IllegalArgumentException("syntax error: missing '}'");
    }
    if (first == '{' || first == '}' || first == ':') {
      throw new IllegalArgumentException("syntax error: bad substitution");
    }
    String name = name();
    int c = next();
    if (c == '}') {
      return env.getOrDefault(name, "");
    }
    if (c == '?') {
      String word = nested();
      return required(name, word, false);
    }
    if (c != ':') {
      throw new IllegalArgumentException("missing ':' in substitution");
    }
    int modifier = next();
    String word = nested();
    String value = env.getOrDefault(name, "");
    return switch (modifier) {
      case '+' -> value.isEmpty() ? value : word;
      case '-' -> value.isEmpty() ? word : value;
      case '?' -> required(name, word, true);
      default ->
          throw new IllegalArgumentException(
              "unsupported modifier ("
                  + (modifier == EOF ? "" : Character.toString(modifier))
                  + ")"
                  + " in substitution");
    };
  }

  /** The word of {@code ${NAME:-word}}, up to the closing brace. */
  private String nested() {
    try {
      return stopOn('}').word();
    } catch (IllegalArgumentException e) {
      if (peek() == EOF) {
        throw new IllegalArgumentException("syntax error: missing '}'", e);
      }
      throw e;
    }
  }

  private String required(String name, String word, boolean nonEmpty) {
    String value = env.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
    }
    if (nonEmpty && value.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
    }
    return value;
  }

  /** A variable name: letters, digits and '_', or all digits, or one special parameter. */
  private String name() {
    StringBuilder b = new StringBuilder();
    while (peek() != EOF) {
      int c = peek();
      if (b.length() == 0 && Character.isDigit(c)) {
        while (peek() != EOF && Character.isDigit(peek())) {
          b.appendCodePoint(next());
        }
        return b.toString();
      }
      if (b.length() == 0 && "@*#?-$!0".indexOf(c) >= 0) {
        return Character.toString(next());
      }
      if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
        break;
      }
      b.appendCodePoint(next());
    }
    return b.toString();
  }

  private int peek() {
    return pos < text.length() ? text.codePointAt(pos) : EOF;
  }

  private int next() {
    int c = peek();
    if (c != EOF) {
      pos += Character.charCount(c);
    }
    return c;
  }
}
