package dev.flattar;

import dev.flattar.config.ChangeFlags;
import dev.flattar.config.ChangeInstructions;
import dev.flattar.config.ConfigChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Config edits made into the changes the config package applies: each flag by itself, each run of
 * {@link ConfigEdit.Kind#CHANGE} instructions parsed together (as Docker joins its --change values,
 * so a continuation line can run into the next).
 */
final class ConfigEdits {
  private ConfigEdits() {}

  /**
   * @throws InvalidOptionsException naming the value that cannot be a change
   */
  static List<ConfigChange> changes(List<ConfigEdit> edits) {
    List<ConfigChange> changes = new ArrayList<>();
    List<String> instructions = new ArrayList<>();
    try {
      for (ConfigEdit edit : edits) {
        if (edit.kind() == ConfigEdit.Kind.CHANGE) {
          instructions.add(edit.value());
          continue;
        }
        if (!instructions.isEmpty()) {
          changes.addAll(ChangeInstructions.parse(instructions));
          instructions.clear();
        }
        changes.add(flag(edit));
      }
      if (!instructions.isEmpty()) {
        changes.addAll(ChangeInstructions.parse(instructions));
      }
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      throw new InvalidOptionsException(n -> message, FlattenOptions.Option.CONFIG);
    }
    return changes;
  }

  private static ConfigChange flag(ConfigEdit edit) {
    String v = edit.value();
    return switch (edit.kind()) {
      case LABEL -> ChangeFlags.label(v);
      case ENV -> ChangeFlags.env(v);
      case ENTRYPOINT -> ChangeFlags.entrypoint(v);
      case CMD -> ChangeFlags.cmd(v);
      case USER -> ChangeFlags.user(v);
      case WORKDIR -> ChangeFlags.workdir(v);
      case EXPOSE -> ChangeFlags.expose(v);
      case VOLUME -> ChangeFlags.volume(v);
      case STOP_SIGNAL -> ChangeFlags.stopSignal(v);
      case UNSET_LABEL -> ChangeFlags.unsetLabel(v);
      case UNSET_ENV -> ChangeFlags.unsetEnv(v);
      case CHANGE -> throw new IllegalStateException("instructions are parsed together");
    };
  }
}
