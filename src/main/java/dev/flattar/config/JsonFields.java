package dev.flattar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.InvalidImageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field edits that keep every other field where it is: a new field goes where Docker's struct order
 * puts it among the fields already there, a new map key where Go's sorted order puts it (so a
 * sorted map stays sorted, as every engine writes it), and a changed field keeps its place.
 */
final class JsonFields {
  /** The order of Docker's {@code container.Config} fields, which Docker writes them in. */
  static final List<String> CONFIG_ORDER =
      List.of(
          "Hostname",
          "Domainname",
          "User",
          "AttachStdin",
          "AttachStdout",
          "AttachStderr",
          "ExposedPorts",
          "Tty",
          "OpenStdin",
          "StdinOnce",
          "Env",
          "Cmd",
          "Healthcheck",
          "ArgsEscaped",
          "Image",
          "Volumes",
          "WorkingDir",
          "Entrypoint",
          "NetworkDisabled",
          "MacAddress",
          "OnBuild",
          "Labels",
          "StopSignal",
          "StopTimeout",
          "Shell");

  private JsonFields() {}

  /** Sets {@code key}: in place if present, else at its place in {@code order}. */
  static void put(ObjectNode object, String key, JsonNode value, List<String> order) {
    if (object.has(key)) {
      object.set(key, value);
      return;
    }
    int rank = order.indexOf(key);
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    int at = keys.size();
    int lastBefore = -1;
    int firstAfter = -1;
    for (int i = 0; i < keys.size(); i++) {
      int r = order.indexOf(keys.get(i));
      if (r >= 0 && rank >= 0 && r < rank) {
        lastBefore = i;
      } else if (r > rank && rank >= 0 && firstAfter < 0) {
        firstAfter = i;
      }
    }
    if (lastBefore >= 0) {
      at = lastBefore + 1;
    } else if (firstAfter >= 0) {
      at = firstAfter;
    }
    insert(object, at, key, value);
  }

  /** Adds a map key at its sorted place (before the first greater key), or replaces its value. */
  static void putSorted(ObjectNode map, String key, JsonNode value) {
    if (map.has(key)) {
      map.set(key, value);
      return;
    }
    int at = 0;
    for (Iterator<String> it = map.fieldNames(); it.hasNext(); at++) {
      if (GoText.ORDER.compare(it.next(), key) > 0) {
        break;
      }
    }
    insert(map, at, key, value);
  }

  /** The object at {@code key} (created at its place if absent or null). */
  static ObjectNode object(ObjectNode config, String key) throws InvalidImageException {
    JsonNode node = config.get(key);
    if (node instanceof ObjectNode o) {
      return o;
    }
    if (node != null && !node.isNull()) {
      throw wrongType(key, "an object", node);
    }
    ObjectNode created = config.objectNode();
    put(config, key, created, CONFIG_ORDER);
    return created;
  }

  /** The array at {@code key} (created at its place if absent or null). */
  static ArrayNode array(ObjectNode config, String key) throws InvalidImageException {
    JsonNode node = config.get(key);
    if (node instanceof ArrayNode a) {
      return a;
    }
    if (node != null && !node.isNull()) {
      throw wrongType(key, "an array", node);
    }
    ArrayNode created = config.arrayNode();
    put(config, key, created, CONFIG_ORDER);
    return created;
  }

  /** The string at {@code key}, or "" if absent or null. */
  static String text(ObjectNode config, String key) throws InvalidImageException {
    JsonNode node = config.get(key);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw wrongType(key, "a string", node);
    }
    return node.textValue();
  }

  /** The strings of {@code Env} (none if absent or null). */
  static List<String> strings(ObjectNode config, String key) throws InvalidImageException {
    JsonNode node = config.get(key);
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw wrongType(key, "an array of strings", node);
    }
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw wrongType(key, "an array of strings", node);
      }
      out.add(e.textValue());
    }
    return out;
  }

  static InvalidImageException wrongType(String key, String expected, JsonNode node) {
    String shown = node.toString();
    if (shown.length() > 60) {
      shown = shown.substring(0, 57) + "...";
    }
    return new InvalidImageException(
        "image config: config." + key + " is not " + expected + ": " + shown);
  }

  private static void insert(ObjectNode object, int at, String key, JsonNode value) {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    int i = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); i++) {
      if (i == at) {
        entries.put(key, value);
      }
      Map.Entry<String, JsonNode> e = it.next();
      entries.put(e.getKey(), e.getValue());
    }
    if (at >= i) {
      entries.put(key, value);
    }
    object.removeAll();
    object.setAll(entries);
  }
}
