package dev.flattar.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One value in a change: either literal text (from a flag, or a Dockerfile word whose quotes and
 * escapes are already processed), or Dockerfile text with {@code $variables}, which Docker replaces
 * from the image's {@code Env} as it stands when the change is applied.
 */
public sealed interface Word {
  /** The value for the image environment {@code env} (name to value). */
  String resolve(Map<String, String> env);

  /** The value split into fields as EXPOSE splits it: on spaces outside quotes. */
  List<String> fields(Map<String, String> env);

  /** Literal text. */
  static Word literal(String value) {
    return new Literal(value);
  }

  /**
   * A Dockerfile word as written: without {@code $} it is processed now (into a {@link Literal});
   * with one, when applied.
   *
   * @param escape the Dockerfile escape character, {@code \} or {@code `}
   * @throws IllegalArgumentException if it cannot be processed (an unterminated quote)
   */
  static Word dockerfile(String text, char escape) {
    if (text.indexOf('$') < 0) {
      return new Literal(ShellLex.process(text, Map.of(), escape).word());
    }
    return new Substituted(text, escape);
  }

  /** Text used as it is. */
  record Literal(String value) implements Word {
    public Literal {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String resolve(Map<String, String> env) {
      return value;
    }

    @Override
    public List<String> fields(Map<String, String> env) {
      return List.of(value);
    }
  }

  /** Dockerfile text with variables, processed against the image's environment when applied. */
  record Substituted(String text, char escape) implements Word {
    public Substituted {
      Objects.requireNonNull(text, "text");
      if (escape != '\\' && escape != '`') {
        throw new IllegalArgumentException("the escape character is \\ or `, not " + escape);
      }
    }

    @Override
    public String resolve(Map<String, String> env) {
      return ShellLex.process(text, env, escape).word();
    }

    @Override
    public List<String> fields(Map<String, String> env) {
      return ShellLex.process(text, env, escape).fields();
    }
  }
}
