package dev.flattar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.testing.TestJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader and writer agree with Jackson's ObjectMapper, set up as flat-tar was. */
class JsonTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "\"text\"",
        "0",
        "-0",
        "null",
        "true",
        "{\"architecture\":\"amd64\",\"x\":{\"b\":1.50,\"a\":[1e400,-2.5E-7,0.0]}}",
        "{\"int\":2147483647,\"long\":2147483648,\"big\":123456789012345678901234567890}",
        "{\"neg\":-9223372036854775809,\"min\":-2147483648}",
        "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"s\":\"tab\\t nl\\n quote\\\" slash\\/ u\\u0001 é \\u00e9 \\ud83d\\ude00 <>&\"}",
        "  [ 1 , [ [ ] , { } ] , \"\" ]  ",
        "{\"Env\":null,\"Labels\":{},\"Cmd\":[\"sh\",\"-c\",\"echo hi\"],\"ok\":false}",
      })
  void readsAndWritesWhatTheMapperDid(String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    JsonNode ours = Json.parse(bytes, "doc");
    JsonNode mapper = TestJson.MAPPER.readTree(bytes);

    assertThat(ours).isEqualTo(mapper);
    assertThat(new String(Json.write(ours), StandardCharsets.UTF_8))
        .isEqualTo(new String(TestJson.MAPPER.writeValueAsBytes(mapper), StandardCharsets.UTF_8));
  }

  @Test
  void keepsDecimalsAsWritten() throws Exception {
    JsonNode node = Json.parse("{\"b\":1.50,\"a\":[1e400]}".getBytes(StandardCharsets.UTF_8), "x");

    assertThat(new String(Json.write(node), StandardCharsets.UTF_8))
        .isEqualTo("{\"b\":1.50,\"a\":[1E+400]}");
  }

  @Test
  void repeatedKeyKeepsItsFirstPlaceAndLastValue() throws Exception {
    JsonNode node = Json.parse("{\"a\":1,\"b\":2,\"a\":3}".getBytes(StandardCharsets.UTF_8), "x");

    assertThat(new String(Json.write(node), StandardCharsets.UTF_8)).isEqualTo("{\"a\":3,\"b\":2}");
  }

  @Test
  void writesBuiltTreesLikeTheMapper() throws Exception {
    ObjectNode ours = Json.object();
    ObjectNode mapper = TestJson.MAPPER.createObjectNode();
    for (ObjectNode o : List.of(ours, mapper)) {
      o.put("i", 7).put("l", 1L << 40).put("big", new BigInteger("123456789012345678901234567890"));
      o.put("d", new BigDecimal("1.50")).put("f", 0.25f).put("double", 1e-9).put("t", true);
      o.putNull("n").put("s", "x\u0000y");
      o.set("strings", Json.strings(List.of("a", "b")));
      o.putArray("empty");
    }

    assertThat(Json.write(ours)).isEqualTo(TestJson.MAPPER.writeValueAsBytes(mapper));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t"})
  void anEmptyDocumentIsNamed(String text) {
    assertThatThrownBy(() -> Json.parse(text.getBytes(StandardCharsets.UTF_8), "manifest.json"))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage("manifest.json is empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{} {}",
        "[1] x",
        "{\"a\":}",
        "[1,]",
        "{\"a\" 1}",
        "[1",
        "{\"a\":1",
        "nul",
        "'single'",
        "[NaN]",
        "{\"a\":01}",
        "\"unterminated",
      })
  void invalidDocumentsAreRefusedLikeTheMapperRefusedThem(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TestJson.MAPPER.readTree(bytes)).isNotNull();
    assertThatThrownBy(() -> Json.parse(bytes, "config x"))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("config x is not valid JSON: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void trailingTextIsNamed() {
    assertThatThrownBy(() -> Json.parse("{} []".getBytes(StandardCharsets.UTF_8), "index.json"))
        .hasMessageStartingWith("index.json is not valid JSON: text after the document");
  }

  @Test
  void nestingStopsAt200() throws Exception {
    String ok = "[".repeat(200) + "]".repeat(200);
    String deep = "[".repeat(201) + "]".repeat(201);

    assertThat(Json.parse(ok.getBytes(StandardCharsets.UTF_8), "x").isArray()).isTrue();
    assertThatThrownBy(() -> Json.parse(deep.getBytes(StandardCharsets.UTF_8), "x"))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("200");
    assertThatThrownBy(() -> TestJson.MAPPER.readTree(deep)).hasMessageContaining("200");
  }
}
