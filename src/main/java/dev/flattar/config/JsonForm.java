package dev.flattar.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flattar.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The exec (JSON array) form of CMD, ENTRYPOINT, VOLUME and HEALTHCHECK CMD: text that starts with
 * {@code [} and is a JSON array of strings. Text that is not valid JSON is the shell form (Docker's
 * rule); an array of anything but strings is an error.
 *
 * <p>Text after a valid array ({@code CMD ["a"] b}) is refused: Engine 20.10 ignores it and runs
 * {@code a}, later engines run the whole line with {@code /bin/sh -c}.
 */
final class JsonForm {
  private JsonForm() {}

  /**
   * The array's strings, or null if {@code text} is not a JSON array (the shell form).
   *
   * @throws IllegalArgumentException for an array holding other than strings, or text after it
   */
  static @Nullable List<String> strings(String text) {
    return strings(text, true);
  }

  /**
   * Checks only what Docker's parser checks (an array of anything but strings), for an ONBUILD
   * trigger, which flat-tar stores as written.
   */
  static void check(String text) {
    strings(text, false);
  }

  private static @Nullable List<String> strings(String text, boolean refuseTrailing) {
    String s = GoText.trimLeft(text);
    if (!s.startsWith("[")) {
      return null;
    }
    try (JsonParser parser = Json.parser(s)) {
      List<String> strings = new ArrayList<>();
      boolean onlyStrings = true;
      try {
        parser.nextToken(); // the opening bracket
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          if (t == null) {
            return null; // cut short: not JSON, so the shell form
          }
          if (t == JsonToken.VALUE_STRING) {
            strings.add(parser.getText());
          } else {
            onlyStrings = false;
            parser.skipChildren();
          }
        }
      } catch (IOException e) {
        return null; // not JSON: the shell form, as Docker reads it
      }
      if (!onlyStrings) {
        throw new IllegalArgumentException(
            "when using JSON array syntax, arrays must be comprised of strings only");
      }
      if (refuseTrailing && trailing(parser)) {
        throw new IllegalArgumentException(
            "text after the JSON array (Docker versions disagree on what that means)");
      }
      return strings;
    } catch (IOException e) {
      throw new IllegalStateException("opening a parser on a string cannot fail", e);
    }
  }

  private static boolean trailing(JsonParser parser) {
    try {
      JsonToken next = parser.nextToken();
      return next != null;
    } catch (IOException e) {
      return true;
    }
  }
}
