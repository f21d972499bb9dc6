package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Json;
import dev.flattar.testing.TestJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Only the touched fields change: everything else keeps its value and its place, a new field goes
 * where Docker's struct order puts it, and a new map key where Go's sorted order puts it.
 */
class ApplyOrderTest {
  static final String IMAGE =
      "{\"architecture\":\"amd64\",\"x-vendor\":{\"b\":1.50,\"a\":[1e400]},\"config\":"
          + "{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"x-own\":true,\"WorkingDir\":\"/\"},"
          + "\"created\":\"2021-01-01T00:00:00Z\",\"os\":\"linux\","
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"history\":[]}";

  @ParameterizedTest(name = "{0} puts the config fields in order {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "USER u | User Env Cmd x-own WorkingDir",
        "EXPOSE 80 | ExposedPorts Env Cmd x-own WorkingDir",
        "ENV A=1 | Env Cmd x-own WorkingDir",
        "HEALTHCHECK CMD x | Env Cmd Healthcheck x-own WorkingDir",
        "VOLUME /v | Env Cmd Volumes x-own WorkingDir",
        "WORKDIR /w | Env Cmd x-own WorkingDir",
        "ENTRYPOINT [\"e\"] | Env Cmd x-own WorkingDir Entrypoint",
        "ONBUILD RUN x | Env Cmd x-own WorkingDir OnBuild",
        "LABEL a=1 | Env Cmd x-own WorkingDir Labels",
        "STOPSIGNAL 9 | Env Cmd x-own WorkingDir StopSignal"
      })
  void newField_goesWhereDockerWritesIt(String change, String order) throws Exception {
    ObjectNode after = apply(IMAGE, change);
    assertThat(keys(after.get("config"))).containsExactly(order.split(" "));
    assertThat(keys(after)).containsExactlyElementsOf(keys(TestJson.MAPPER.readTree(IMAGE)));
  }

  @Test
  void everyOtherField_keepsItsBytes() throws Exception {
    String before = new String(Json.write(TestJson.MAPPER.readTree(IMAGE)), "UTF-8");
    String after = new String(Json.write(apply(IMAGE, "USER u")), "UTF-8");
    assertThat(after).isEqualTo(before.replace("{\"Env\"", "{\"User\":\"u\",\"Env\""));
  }

  @Test
  void theInput_isNotModified() throws Exception {
    ObjectNode image = (ObjectNode) TestJson.MAPPER.readTree(IMAGE);
    ObjectNode copy = image.deepCopy();
    ConfigChanges.apply(image, ChangeInstructions.parse("LABEL a=1"));
    assertThat(image).isEqualTo(copy);
    assertThat(ConfigChanges.apply(image, List.of())).isEqualTo(copy).isNotSameAs(image);
  }

  @ParameterizedTest(name = "{1} into {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a m | b | a b m",
        "a m | z | a m z",
        "a m | 0 | 0 a m",
        "a m | a | a m",
        "z a | m | m z a",
        "a B | C | C a B",
        // Go's byte order of UTF-8 is code point order: U+FFFD before U+1F600 (Java's UTF-16
        // order would put the emoji first).
        "\u00e9 \uD83D\uDE00 | \uFFFD | \u00e9 \uFFFD \uD83D\uDE00"
      })
  void newLabel_goesAtItsSortedPlace(String existing, String added, String order) throws Exception {
    ObjectNode labels = TestJson.MAPPER.createObjectNode();
    for (String k : existing.split(" ")) {
      labels.put(k, "old");
    }
    String image = "{\"config\":{\"Labels\":" + labels + "}}";
    ObjectNode after = apply(image, "LABEL \"" + added + "\"=new");
    assertThat(keys(after.get("config").get("Labels"))).containsExactly(order.split(" "));
  }

  @Test
  void exposedPortsAndVolumes_areSortedMapsOfEmptyObjects() throws Exception {
    ObjectNode after =
        apply("{\"config\":{\"ExposedPorts\":{\"80/tcp\":{}}}}", "EXPOSE 443 8000 53/udp");
    assertThat(after.get("config").get("ExposedPorts").toString())
        .isEqualTo("{\"443/tcp\":{},\"53/udp\":{},\"80/tcp\":{},\"8000/tcp\":{}}");
    after = apply("{\"config\":{}}", "VOLUME /b /a");
    assertThat(after.get("config").toString()).isEqualTo("{\"Volumes\":{\"/a\":{},\"/b\":{}}}");
  }

  @Test
  void env_replacesTheFirstOfItsNameInPlace_andAppendsNewOnes() throws Exception {
    ObjectNode after =
        apply("{\"config\":{\"Env\":[\"A=1\",\"FLAG\",\"B=2\",\"A=3\"]}}", "ENV A=new FLAG=on C=4");
    assertThat(after.get("config").get("Env").toString())
        .isEqualTo("[\"A=new\",\"FLAG=on\",\"B=2\",\"A=3\",\"C=4\"]");
  }

  @Test
  void aConfigThatIsMissingOrNull_isCreatedBeforeRootfs_onlyIfSomethingChanges() throws Exception {
    String image = "{\"os\":\"linux\",\"rootfs\":{},\"history\":[]}";
    assertThat(keys(apply(image, "LABEL a=1")))
        .containsExactly("os", "config", "rootfs", "history");
    assertThat(apply(image, "USER \"\"").toString()).isEqualTo(image);
    String nulled = "{\"config\":null,\"os\":\"linux\"}";
    assertThat(apply(nulled, "LABEL a=1").toString())
        .isEqualTo("{\"config\":{\"Labels\":{\"a\":\"1\"}},\"os\":\"linux\"}");
  }

  static ObjectNode apply(String image, String... changes) throws Exception {
    return ConfigChanges.apply(
        (ObjectNode) TestJson.MAPPER.readTree(image), ChangeInstructions.parse(List.of(changes)));
  }

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
