package dev.flattar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Texts;
import dev.flattar.model.UnsupportedImageException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Changes an image config as {@code docker commit --change} does: the instructions in order, each
 * against the config as the ones before left it, then Docker's merge with the image's own values
 * ({@link CommitMerge}). Only the touched fields of {@code config} change; every other field, known
 * or not, keeps its value and its place, and a new field goes where Docker writes it.
 */
public final class ConfigChanges {
  private ConfigChanges() {}

  /**
   * The image config {@code imageConfig} (not modified) with {@code changes} applied.
   *
   * @throws InvalidImageException if a field to change has the wrong JSON type
   * @throws UnsupportedImageException for a Windows image (Docker's rules differ there)
   * @throws IllegalArgumentException if a value with {@code $variables} is bad once replaced, such
   *     as {@code EXPOSE $PORT} with {@code PORT=http}; the message names the change
   */
  public static ObjectNode apply(ObjectNode imageConfig, List<ConfigChange> changes)
      throws InvalidImageException, UnsupportedImageException {
    ObjectNode image = imageConfig.deepCopy();
    if (changes.isEmpty()) {
      return image;
    }
    if ("windows".equals(image.path("os").asText())) {
      throw new UnsupportedImageException(
          "cannot change the config of a Windows image: Docker's rules for it are not flat-tar's");
    }
    JsonNode node = image.get("config");
    boolean absent = node == null || node.isNull();
    if (!absent && !(node instanceof ObjectNode)) {
      throw new InvalidImageException("image config: config is not an object");
    }
    ObjectNode config = absent ? image.objectNode() : (ObjectNode) node;
    ObjectNode original = config.deepCopy();
    ConfigEditor editor = new ConfigEditor(config);
    for (ConfigChange change : changes) {
      try {
        editor.apply(change);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            Texts.escapeControls(Descriptions.of(change)) + ": " + e.getMessage(), e);
      }
    }
    CommitMerge.merge(config, original);
    if (absent && !config.isEmpty()) {
      JsonFields.put(image, "config", config, List.of("config", "rootfs", "history"));
    }
    return image;
  }

  /**
   * The changes as one line for the new history entry, each as the instruction it stands for:
   * {@code LABEL build=42; ENV A=1}. The same changes always give the same text.
   */
  public static String describe(List<ConfigChange> changes) {
    return Texts.escapeControls(
        changes.stream().map(Descriptions::of).collect(Collectors.joining("; ")));
  }
}
