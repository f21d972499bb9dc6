package dev.flattar.writer;

import static dev.flattar.testing.Member.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.FlattenOptions;
import dev.flattar.model.Digest;
import dev.flattar.model.Reporter;
import dev.flattar.testing.Archives;
import dev.flattar.testing.Archives.Layout;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Flatten;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config and manifest of the flattened image (FORMAT.md sections 2 and 5). */
class OutputConfigTest {
  private static final byte[] L1 = Layers.tar(file("a", "a"));
  private static final byte[] L2 = Layers.tar(file("b", "b"));

  @Test
  void rootfs_namesTheOneNewLayer() throws Exception {
    FlatArchive out =
        Flatten.run(Archives.build(Layout.DOCKER, ImageSpec.of(L1, L2).tags("app:1")));

    assertThat(out.config.get("rootfs").toString())
        .isEqualTo("{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(out.layer) + "\"]}");
  }

  @Test
  void history_keepsOldEntriesAsEmptyAndAppendsOneThatNamesTheSource() throws Exception {
    byte[] archive = Archives.build(Layout.DOCKER, ImageSpec.of(L1, L2).tags("app:1"));
    String sourceId = sourceConfigId(archive);

    FlatArchive out = Flatten.run(archive);

    JsonNode history = out.config.get("history");
    assertThat(history).hasSize(3);
    for (int i = 0; i < 2; i++) {
      assertThat(history.get(i).get("empty_layer").asBoolean()).isTrue();
      assertThat(history.get(i).get("created_by").asText()).isEqualTo("/bin/sh -c step " + (i + 1));
    }
    JsonNode added = history.get(2);
    assertThat(added.has("empty_layer")).isFalse();
    assertThat(added.get("created_by").asText()).startsWith("flat-tar ");
    assertThat(added.get("comment").asText()).contains("2 layers").contains("sha256:" + sourceId);
    assertThat(added.get("created").asText()).isEqualTo(out.config.get("created").asText());
  }

  @Test
  void everyOtherField_keepsItsValueAndPlace() throws Exception {
    ImageSpec spec =
        ImageSpec.of(L1, L2)
            .tags("app:1")
            .config(
                c -> {
                  c.put("variant", "v8");
                  c.put("precise", new BigDecimal("1.50"));
                  c.putObject("config")
                      .putObject("Healthcheck")
                      .putArray("Test")
                      .add("CMD")
                      .add("true");
                });
    byte[] archive = Archives.build(Layout.DOCKER, spec);
    ObjectNode source = sourceConfig(archive);

    FlatArchive out = Flatten.run(archive);

    assertThat(fieldNames(out.config)).isEqualTo(fieldNames(source));
    source
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("rootfs") && !name.equals("history")) {
                assertThat(out.config.get(name)).as(name).isEqualTo(source.get(name));
              }
            });
    assertThat(new String(out.configBytes, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"precise\":1.50");
  }

  @Test
  void legacyConfig_dropsV1OnlyFieldsAndBuildsHistoryFromTheChain() throws Exception {
    FlatArchive out =
        Flatten.run(Archives.build(Layout.LEGACY, ImageSpec.of(L1, L2).tags("old:1")));

    assertThat(out.config.has("id")).isFalse();
    assertThat(out.config.has("parent")).isFalse();
    assertThat(out.config.has("Size")).isFalse();
    JsonNode history = out.config.get("history");
    assertThat(history).hasSize(3);
    assertThat(history.get(1).get("created_by").asText()).isEqualTo("/bin/sh -c step 2");
    assertThat(out.config.get("config").get("Cmd").get(0).asText()).isEqualTo("/bin/sh");
  }

  @Test
  void tags_areKeptReplacedOrNormalised() throws Exception {
    byte[] archive =
        Archives.build(Layout.DOCKER, ImageSpec.of(L1).tags("app:1", "registry:5000/team/app:2"));

    assertThat(Flatten.run(archive).repoTags())
        .containsExactly("app:1", "registry:5000/team/app:2");
    FlattenOptions retag = FlattenOptions.builder().tag("new:flat").tag("other").build();
    assertThat(Flatten.run(archive, retag).repoTags()).containsExactly("new:flat", "other:latest");
  }

  @Test
  void namesDockerWouldReject_areDroppedWithAWarning() throws Exception {
    byte[] archive =
        Archives.build(Layout.MANIFEST_ONLY_GZIP, ImageSpec.of(L1).tags("UPPER:1", "bare", "ok:2"));
    List<String> warnings = new ArrayList<>();
    Reporter collect =
        new Reporter() {
          @Override
          public void warn(String message) {
            warnings.add(message);
          }

          @Override
          public void verbose(String message) {}
        };

    FlatArchive out = Flatten.run(archive, FlattenOptions.builder().reporter(collect).build());

    assertThat(out.repoTags()).containsExactly("bare:latest", "ok:2");
    assertThat(warnings).singleElement().asString().contains("UPPER:1");
  }

  @Test
  void anUntaggedImage_isWrittenWithNullRepoTags() throws Exception {
    FlatArchive out = Flatten.run(Archives.build(Layout.DOCKER, ImageSpec.of(L1)));

    assertThat(out.manifest.get(0).get("RepoTags").isNull()).isTrue();
  }

  @Test
  void outerArchive_isLayerThenConfigThenManifest() throws Exception {
    FlatArchive out = Flatten.run(Archives.build(Layout.DOCKER, ImageSpec.of(L1).tags("a:1")));

    assertThat(out.memberOrder).hasSize(3);
    assertThat(out.memberOrder.get(0)).endsWith("/layer.tar");
    assertThat(out.memberOrder.get(1)).endsWith(".json");
    assertThat(out.memberOrder.get(2)).isEqualTo("manifest.json");
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static ObjectNode sourceConfig(byte[] archive) throws Exception {
    var members = Archives.members(archive);
    JsonNode manifest = dev.flattar.testing.TestJson.MAPPER.readTree(members.get("manifest.json"));
    return (ObjectNode)
        dev.flattar.testing.TestJson.MAPPER.readTree(
            members.get(manifest.get(0).get("Config").asText()));
  }

  private static String sourceConfigId(byte[] archive) throws Exception {
    var members = Archives.members(archive);
    JsonNode manifest = dev.flattar.testing.TestJson.MAPPER.readTree(members.get("manifest.json"));
    return Digest.of(members.get(manifest.get(0).get("Config").asText())).hex();
  }
}
