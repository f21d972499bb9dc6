package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.testing.TestJson;
import org.junit.jupiter.api.Test;

/** The config comparison the tier relies on notices every change it is meant to notice. */
class ConfigComparisonIT {
  static final String ORIGINAL =
      "{\"architecture\":\"amd64\",\"created\":\"2024-01-01T00:00:00Z\",\"os\":\"linux\","
          + "\"config\":{\"Env\":[\"A=1\"],\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\","
          + "\"diff_ids\":[\"sha256:aa\",\"sha256:bb\"]},\"history\":[{\"created_by\":\"x\"}]}";

  @Test
  void rootfsHistoryAndCreated_mayChange() {
    assertThat(compare(ORIGINAL, flattened("\"created\":\"2030-01-01T00:00:00Z\",", ""))).isEmpty();
  }

  @Test
  void aChangedNestedValue_isReported() {
    String changed = ORIGINAL.replace("A=1", "A=2");
    assertThat(compare(ORIGINAL, changed)).singleElement().asString().contains("'config' changed");
  }

  @Test
  void aDroppedOrAddedField_isReported() {
    assertThat(compare(ORIGINAL, ORIGINAL.replace("\"os\":\"linux\",", "")))
        .singleElement()
        .asString()
        .contains("'os' dropped");
    assertThat(
            compare(
                ORIGINAL,
                ORIGINAL.replace("{\"architecture\"", "{\"variant\":\"v8\",\"architecture\"")))
        .singleElement()
        .asString()
        .contains("'variant' added");
  }

  @Test
  void aMovedField_isReportedUnlessTheOriginalOrderIsUndefined() {
    String moved =
        ORIGINAL
            .replace("\"os\":\"linux\",", "")
            .replace("\"rootfs\"", "\"os\":\"linux\",\"rootfs\"");
    assertThat(compare(ORIGINAL, moved)).singleElement().asString().contains("field order changed");
    OriginalImage legacy = new OriginalImage("id", 0, object(ORIGINAL), false, 2);
    assertThat(ConfigCheck.differences(legacy, object(moved))).isEmpty();
  }

  private static String flattened(String created, String extra) {
    return ORIGINAL
        .replace("\"created\":\"2024-01-01T00:00:00Z\",", created + extra)
        .replace("[\"sha256:aa\",\"sha256:bb\"]", "[\"sha256:cc\"]")
        .replace("[{\"created_by\":\"x\"}]", "[{\"created_by\":\"x\",\"empty_layer\":true},{}]");
  }

  private static java.util.List<String> compare(String original, String flattened) {
    return ConfigCheck.differences(
        new OriginalImage("id", 0, object(original), true, 2), object(flattened));
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) TestJson.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
