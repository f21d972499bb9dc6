package dev.flattar.config;

import dev.flattar.model.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --change 'INSTRUCTION'}: Dockerfile instructions parsed as {@code docker commit --change}
 * and {@code docker import --change} parse them (all values joined with newlines, as one
 * Dockerfile), into the changes they stand for.
 */
public final class ChangeInstructions {
  private ChangeInstructions() {}

  /**
   * Parses the values of every {@code --change}, in order.
   *
   * @throws IllegalArgumentException one line naming the instruction and what is wrong with it
   */
  public static List<ConfigChange> parse(List<String> changes) {
    if (changes.isEmpty()) {
      return List.of();
    }
    String text = String.join("\n", changes);
    DockerfileLines.Script script;
    try {
      script = DockerfileLines.split(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--change " + quote(text) + ": " + e.getMessage(), e);
    }
    List<ConfigChange> parsed = new ArrayList<>();
    for (String instruction : script.instructions()) {
      try {
        parsed.add(InstructionParser.parse(instruction, script.escape()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--change " + quote(GoText.trimSpace(instruction)) + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(parsed);
  }

  /** Parses one {@code --change} value. */
  public static List<ConfigChange> parse(String change) {
    return parse(List.of(change));
  }

  static String quote(String value) {
    return "'" + Texts.escapeControls(value) + "'";
  }
}
