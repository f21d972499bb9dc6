package dev.flattar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.config.ConfigChange.Healthcheck;
import dev.flattar.model.InvalidImageException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Healthcheck} object as Docker writes it ({@code container.HealthConfig}: durations in
 * nanoseconds, zero values left out, fields in struct order), and {@code docker commit}'s merge of
 * a new one with the image's: every field the new one leaves zero is taken from the image's.
 */
final class Healthchecks {
  /** HealthConfig's fields in Docker's order (StartInterval: Engine 25 and later). */
  private static final List<String> FIELDS =
      List.of("Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries");

  private Healthchecks() {}

  static ObjectNode toJson(Healthcheck h) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode test = node.putArray("Test");
    h.test().forEach(test::add);
    putNanos(node, "Interval", h.interval());
    putNanos(node, "Timeout", h.timeout());
    putNanos(node, "StartPeriod", h.startPeriod());
    if (h.retries() != 0) {
      node.put("Retries", h.retries());
    }
    return node;
  }

  /** {@code changed} with each zero or absent field taken from {@code image}'s. */
  static ObjectNode merge(JsonNode changed, ObjectNode image) throws InvalidImageException {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (String field : FIELDS) {
      JsonNode value = given(changed.get(field), field);
      if (value == null) {
        value = given(image.get(field), field);
      }
      if (value != null) {
        merged.set(field, value.deepCopy());
      }
    }
    return merged;
  }

  /** The value if it is set: a non-empty Test, a non-zero number. */
  private static @Nullable JsonNode given(@Nullable JsonNode value, String field)
      throws InvalidImageException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (field.equals("Test")) {
      if (!value.isArray()) {
        throw JsonFields.wrongType("Healthcheck.Test", "an array", value);
      }
      return value.isEmpty() ? null : value;
    }
    if (!value.isIntegralNumber()) {
      throw JsonFields.wrongType("Healthcheck." + field, "a whole number", value);
    }
    return value.bigIntegerValue().signum() == 0 ? null : value;
  }

  private static void putNanos(ObjectNode node, String field, Duration d) {
    long nanos = d.toNanos();
    if (nanos == (int) nanos && nanos != 0) {
      node.put(field, (int) nanos); // the node type a parser gives the same text, so trees compare
    } else if (nanos != 0) {
      node.put(field, nanos);
    }
  }
}
