package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.config.ChangeInstructions;
import dev.flattar.config.ConfigChange;
import dev.flattar.config.ConfigChanges;
import dev.flattar.interop.ConfigChangeCases.Differ;
import dev.flattar.interop.ConfigChangeCases.Instructions;
import dev.flattar.interop.ConfigChangeCases.Refused;
import dev.flattar.interop.ConfigFlagCases.Flags;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * flat-tar's config changes against a real engine (issue 14): for each case, buildah changes an
 * image with a rich config (a build of FROM it plus the instructions, or {@code buildah config}
 * flags), and flat-tar's {@link ConfigChanges#apply} changes the same config, read back from the
 * same store. The two configs must be equal field for field and in field order, except where
 * buildah does not do what Docker does: there the case names the field, and the test checks that
 * flat-tar gives Docker's value and buildah still its own. Unknown fields are kept by flat-tar
 * (buildah drops them), and buildah's container id in Hostname is left out of the comparison.
 */
class ConfigChangesIT {
  static final String BASE = "localhost/flattar-config-base:1";
  static final String FLAT = "localhost/flattar-config-flat:1";
  static final String CONFIG =
      "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"app\",\"AttachStdin\":false,"
          + "\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"80/tcp\":{}},"
          + "\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,"
          + "\"Env\":[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\"],"
          + "\"Cmd\":[\"serve\",\"--port\",\"80\"],"
          + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000},"
          + "\"Image\":\"\",\"Volumes\":{\"/data\":{}},\"WorkingDir\":\"/srv\","
          + "\"Entrypoint\":[\"/entry\"],\"Labels\":{\"a\":\"1\",\"m\":\"2\"},"
          + "\"StopSignal\":\"SIGTERM\",\"x-own\":true}";

  static Path dir;
  static Podman store;
  static Buildah buildah;
  static ObjectNode image;
  static Path jar;

  @BeforeAll
  static void loadTheBaseImage() throws IOException {
    Tools.require("ConfigChangesIT", List.of("buildah", "podman", "skopeo", "rm"));
    dir = Files.createTempDirectory(Path.of("/tmp"), "flattar-config-it-");
    store = Podman.privateStore(dir.resolve("podman"));
    jar = Files.copy(BuiltJar.jar(), dir.resolve("flat-tar.jar"));
    buildah = new Buildah(store, dir);
    ObjectNode config = (ObjectNode) TestJson.MAPPER.readTree(CONFIG);
    ImageSpec spec =
        ImageSpec.of(Layers.tar(Member.dir("etc"), Member.file("etc/hello", "hi\n")))
            .tags(BASE)
            .config(c -> c.set("config", config));
    Path archive =
        Files.write(dir.resolve("base.tar"), Archives.build(Archives.Layout.DOCKER, spec));
    store.load(archive).orFail();
    // The config as the store holds it: flat-tar starts from exactly what buildah starts from.
    String raw =
        Cmd.run(
                List.of("skopeo", "inspect", "--config", "--raw", "containers-storage:" + BASE),
                store.env(),
                Cmd.DEFAULT_LIMIT)
            .orFail()
            .stdout();
    image = (ObjectNode) TestJson.MAPPER.readTree(raw);
    assertThat(image.get("config")).isEqualTo(config);
  }

  @AfterAll
  static void removeTheStore() {
    if (store != null) {
      store.close();
    }
    Cmd.removeTree(dir);
  }

  static Stream<Instructions> instructions() {
    return ConfigChangeCases.INSTRUCTIONS.stream();
  }

  /**
   * Every fourth instruction case (each kind of instruction among them), also run end to end:
   * through the built jar, loaded into podman, the config read back from its store.
   */
  static Stream<Instructions> throughTheJar() {
    List<Instructions> all = ConfigChangeCases.INSTRUCTIONS;
    return java.util.stream.IntStream.range(0, all.size())
        .filter(i -> i % 4 == 0)
        .mapToObj(all::get);
  }

  static Stream<Flags> flags() {
    return ConfigFlagCases.FLAGS.stream();
  }

  static Stream<Refused> refused() {
    return ConfigChangeCases.REFUSED.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instructions")
  void change_givesTheConfigABuildGives(Instructions c) throws Exception {
    Buildah.Outcome engine = buildah.build(BASE, c.lines());
    assertThat(engine.error()).isNull();
    check(ChangeInstructions.parse(c.lines()), engine.config(), c.differs());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throughTheJar")
  void change_throughTheBuiltJar_showsInPodmanAsABuildGives(Instructions c) throws Exception {
    Buildah.Outcome engine = buildah.build(BASE, c.lines());
    assertThat(engine.error()).isNull();
    List<String> args = new ArrayList<>(List.of("-q", "-t", FLAT));
    c.lines().forEach(line -> args.addAll(List.of("--change", line)));
    Path out = dir.resolve("flat-" + Integer.toHexString(c.toString().hashCode()) + ".tar");
    args.addAll(List.of("-o", out.toString(), dir.resolve("base.tar").toString()));
    BuiltJar.run(jar, java.util.Map.of(), args).orFail();
    store.load(out).orFail();
    String raw =
        Cmd.run(
                List.of("skopeo", "inspect", "--config", "--raw", "containers-storage:" + FLAT),
                store.env(),
                Cmd.DEFAULT_LIMIT)
            .orFail()
            .stdout();
    ObjectNode flat = (ObjectNode) TestJson.MAPPER.readTree(raw);
    check(flat, engine.config(), c.differs());
    assertThat(flat.get("history").get(flat.get("history").size() - 1).get("comment").asText())
        .as("the new history entry says what changed")
        .contains("config changed: " + ConfigChanges.describe(ChangeInstructions.parse(c.lines())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void flag_givesTheConfigBuildahConfigGives(Flags c) throws Exception {
    Buildah.Outcome engine = buildah.configure(BASE, c.buildah());
    assertThat(engine.error()).isNull();
    check(c.changes(), engine.config(), c.differs());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void badInstruction_isRefused_whatEverBuildahMakesOfIt(Refused c) throws Exception {
    assertThatThrownBy(() -> ConfigChanges.apply(image, ChangeInstructions.parse(c.line())))
        .isInstanceOf(IllegalArgumentException.class);
    Buildah.Outcome engine = buildah.build(BASE, List.of(c.line()));
    if (c.field() == null) {
      assertThat(engine.error()).as("buildah refuses it too").isNotNull();
    } else {
      assertThat(engine.error()).as("buildah accepts it").isNull();
      assertThat(field(normalized(engine.config().get("config")), c.field()))
          .isEqualTo(json(c.buildah()));
    }
  }

  private static void check(List<ConfigChange> changes, ObjectNode engine, List<Differ> differs)
      throws Exception {
    check(ConfigChanges.apply(image, changes), engine, differs);
  }

  /** {@code changed}, an image config, against the engine's, field by field and in order. */
  private static void check(ObjectNode changed, ObjectNode engine, List<Differ> differs)
      throws Exception {
    ObjectNode ours = (ObjectNode) changed.get("config");
    assertThat(ours.get("x-own")).as("an unknown field survives").isEqualTo(BooleanNode.TRUE);
    ObjectNode mine = normalized(ours);
    ObjectNode theirs = normalized(engine.get("config"));
    for (Differ d : differs) {
      assertThat(field(theirs, d.field())).as("buildah: " + d.why()).isEqualTo(json(d.buildah()));
      assertThat(field(mine, d.field()))
          .as("flat-tar (Docker): " + d.why())
          .isEqualTo(json(d.docker()));
      mine.remove(d.field());
      theirs.remove(d.field());
    }
    assertThat(mine).isEqualTo(theirs);
    assertThat(keys(mine)).as("field order").containsExactlyElementsOf(keys(theirs));
  }

  /**
   * The config without buildah's container id (Hostname) and unknown fields, and without empty
   * values: Go writes a nil and an empty list alike, and buildah writes {@code []} where Docker
   * writes {@code null}.
   */
  private static ObjectNode normalized(JsonNode config) {
    ObjectNode out = TestJson.MAPPER.createObjectNode();
    config
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              boolean empty = v.isNull() || (v.isContainerNode() && v.isEmpty());
              if (!empty && !e.getKey().equals("Hostname") && !e.getKey().equals("x-own")) {
                out.set(e.getKey(), v);
              }
            });
    return out;
  }

  private static JsonNode field(ObjectNode config, String name) {
    JsonNode v = config.get(name);
    return v == null ? TestJson.MAPPER.getNodeFactory().textNode("<absent>") : v;
  }

  private static JsonNode json(String text) throws IOException {
    return text.equals("<absent>")
        ? TestJson.MAPPER.getNodeFactory().textNode(text)
        : TestJson.MAPPER.readTree(text);
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
