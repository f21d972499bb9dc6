package dev.flattar.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON documents as trees that keep field order and exact numbers, so a config we do not own
 * round-trips with only the fields we change. Read and written with Jackson's streaming parser and
 * generator ({@link JsonTrees}): no {@code ObjectMapper}, whose set-up (type factory, date formats,
 * locale data) cost more start-up time than a small image takes to flatten.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
          .build();

  private Json() {}

  /**
   * Parses a JSON document; {@code what} names it in the error ("manifest.json", "config
   * blobs/sha256/ab12…").
   */
  public static JsonNode parse(byte[] bytes, String what) throws InvalidImageException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonNode node = JsonTrees.read(parser);
      if (node == null) {
        throw new InvalidImageException(what + " is empty");
      }
      return node;
    } catch (IOException e) {
      String detail =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidImageException(what + " is not valid JSON: " + detail, e);
    }
  }

  /** The compact UTF-8 text of {@code node}. */
  public static byte[] write(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      JsonTrees.write(node, generator);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    return out.toByteArray();
  }

  /** A parser of {@code text}, under the same limits as {@link #parse}. */
  public static JsonParser parser(String text) throws IOException {
    return FACTORY.createParser(text);
  }

  /** Loads and links what {@link #parse} and {@link #write} use, for a start-up thread. */
  public static void warmUp() {
    try {
      write(parse("{\"a\":[\"b\",1,1.5,true,null]}".getBytes(StandardCharsets.UTF_8), "warm-up"));
    } catch (InvalidImageException e) {
      throw new IllegalStateException("the warm-up document is valid JSON", e);
    }
  }

  /** A new empty object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new empty array. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** An array of {@code strings}, in order. */
  public static ArrayNode strings(List<String> strings) {
    ArrayNode array = array();
    strings.forEach(array::add);
    return array;
  }
}
