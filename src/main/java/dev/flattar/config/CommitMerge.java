package dev.flattar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.InvalidImageException;

/**
 * What {@code docker commit} does after the changes ({@code daemon/commit.go} {@code merge}): a
 * field the changes left empty is taken back from the image. So {@code USER ""} and {@code
 * ENTRYPOINT []} change nothing, {@code CMD []} without an entrypoint changes nothing, and a new
 * HEALTHCHECK keeps the image's interval, timeout, start period and retries unless it sets them.
 *
 * <p>The rest of Docker's merge adds the image's Env, Labels, ExposedPorts and Volumes back, which
 * the changes only ever add to; flat-tar's {@code --unset-env} and {@code --unset-label} are not
 * undone by it.
 */
final class CommitMerge {
  private CommitMerge() {}

  static void merge(ObjectNode config, ObjectNode image) throws InvalidImageException {
    if (JsonFields.text(config, "User").isEmpty()) {
      restore(config, image, "User");
    }
    if (isEmpty(config, "Entrypoint")) {
      if (isEmpty(config, "Cmd")) {
        restore(config, image, "Cmd");
      }
      JsonNode entrypoint = config.get("Entrypoint");
      if (entrypoint == null || entrypoint.isNull()) {
        restore(config, image, "Entrypoint");
      }
    }
    JsonNode before = image.get("Healthcheck");
    JsonNode after = config.get("Healthcheck");
    if (before instanceof ObjectNode old && after != null && !after.equals(before)) {
      config.set("Healthcheck", Healthchecks.merge(after, old));
    }
  }

  /** Go's {@code len(slice) == 0}; a string is Docker's one-element command. */
  private static boolean isEmpty(ObjectNode config, String key) throws InvalidImageException {
    JsonNode node = config.get(key);
    if (node == null || node.isNull()) {
      return true;
    }
    if (node.isTextual()) {
      return false;
    }
    if (!node.isArray()) {
      throw JsonFields.wrongType(key, "an array of strings", node);
    }
    return node.isEmpty();
  }

  private static void restore(ObjectNode config, ObjectNode image, String key) {
    JsonNode value = image.get(key);
    if (value == null) {
      config.remove(key);
    } else {
      JsonFields.put(config, key, value.deepCopy(), JsonFields.CONFIG_ORDER);
    }
  }
}
