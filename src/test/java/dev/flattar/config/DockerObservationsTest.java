package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Json;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Docker Engine 20.10 did, row by row ({@code docker-20.10-observed.tsv}, recorded as its
 * README says): the {@code --change} values, the fields {@code docker commit --change} changed on a
 * container of {@link #BASE}, and the fields {@code docker import --change} set on an empty config,
 * or Docker's error. flat-tar must change the same fields to the same values, and refuse where
 * Docker refuses, except for the deliberate differences in {@link #DIFFERENT}.
 */
class DockerObservationsTest {
  /** The image config the container was created from (Docker's commit adds nothing else here). */
  static final String BASE =
      "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"app\",\"AttachStdin\":false,"
          + "\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"80/tcp\":{}},"
          + "\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,"
          + "\"Env\":[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\"],"
          + "\"Cmd\":[\"serve\",\"--port\",\"80\"],"
          + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000},"
          + "\"Image\":\"\",\"Volumes\":{\"/data\":{}},\"WorkingDir\":\"/srv\","
          + "\"Entrypoint\":[\"/entry\"],\"OnBuild\":[\"RUN echo base\"],"
          + "\"Labels\":{\"a\":\"1\",\"m\":\"2\"},\"StopSignal\":\"SIGTERM\"}";

  private static final String REFUSED = "error";

  /** What flat-tar does instead: {commit column, import column}, and why. */
  static final Map<String, String[]> DIFFERENT =
      Map.ofEntries(
          // Engine 20.10 refuses STOPSIGNAL in --change; Engine 23 and later accept it.
          Map.entry("STOPSIGNAL SIGKILL", both("{\"StopSignal\":\"SIGKILL\"}")),
          // A container's config has no OnBuild, so docker commit drops the image's; flat-tar
          // changes an image, whose triggers it keeps (and appends to, as Docker's builder does).
          Map.entry("ONBUILD RUN echo hi", onBuild("RUN echo hi")),
          Map.entry("ONBUILD FOO bar", onBuild("FOO bar")),
          Map.entry("ONBUILD    run   echo hi  ", onBuild("run   echo hi  ")),
          Map.entry("onbuild LABEL a=b", onBuild("LABEL a=b")),
          Map.entry("ONBUILD RUN [\"a\"] b", onBuild("RUN [\\\"a\\\"] b")),
          // Text after a JSON array: 20.10 ignores it, later engines take the whole line as the
          // shell form. flat-tar refuses rather than pick one.
          Map.entry("CMD [\"a\"] b", both(REFUSED)),
          Map.entry("CMD [\"a\"]x", both(REFUSED)),
          Map.entry("VOLUME [ \"/a\" ] trailing", both(REFUSED)),
          // Docker keeps the container port of HOST:PORT and IP:HOST:PORT; an image has no host.
          Map.entry("EXPOSE 127.0.0.1:8080:80", both(REFUSED)),
          Map.entry("EXPOSE 8080:80", both(REFUSED)),
          // 20.10 reads these as 80/tcp and 1-2; later engines refuse them.
          Map.entry("EXPOSE 80/tcp/x", both(REFUSED)),
          Map.entry("EXPOSE 1-2-3", both(REFUSED)),
          // docker import applies the changes without commit's merge, which gives an image
          // without entrypoint its Cmd back; flat-tar changes an image as docker commit does.
          Map.entry("CMD []", new String[] {"{\"Cmd\":[]}", "{}"}),
          // Docker writes "=1" into Env and "" into Labels, which nothing can use.
          Map.entry("ENV $NOPE=1", both(REFUSED)),
          Map.entry("LABEL $NOPE=1", both(REFUSED)),
          Map.entry("ENV \"\"=x", both(REFUSED)),
          Map.entry("LABEL \"\"=x", both(REFUSED)));

  record Row(List<String> changes, String commit, String imported) {
    @Override
    public String toString() {
      return String.join(" || ", changes);
    }
  }

  static Stream<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in =
        DockerObservationsTest.class.getResourceAsStream("docker-20.10-observed.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] cols = line.split("\t", -1);
        List<String> changes = new ArrayList<>();
        TestJson.MAPPER.readTree(cols[0]).forEach(c -> changes.add(c.textValue()));
        rows.add(new Row(changes, cols[1], cols[2]));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void dockerCommitChange_onAnImage_changesTheSameFields(Row row) throws Exception {
    String[] instead = DIFFERENT.get(row.toString());
    String expected = instead != null ? instead[0] : row.commit();
    assertThat(outcome(BASE, row.changes())).isEqualTo(normalized(expected, BASE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void dockerImportChange_onAnEmptyConfig_setsTheSameFields(Row row) throws Exception {
    String[] instead = DIFFERENT.get(row.toString());
    String expected = instead != null ? instead[1] : row.imported();
    assertThat(outcome("{}", row.changes())).isEqualTo(normalized(expected, "{}"));
  }

  /** The changed fields (JSON, compared as trees) or "error". */
  private static String outcome(String config, List<String> changes) throws Exception {
    ObjectNode image =
        (ObjectNode) TestJson.MAPPER.readTree("{\"os\":\"linux\",\"config\":" + config + "}");
    ObjectNode after;
    try {
      after = ConfigChanges.apply(image, ChangeInstructions.parse(changes));
    } catch (IllegalArgumentException e) {
      return REFUSED;
    }
    return TestJson.MAPPER.writeValueAsString(diff(image.get("config"), after.get("config")));
  }

  private static String normalized(String expected, String base) throws IOException {
    if (expected.startsWith(REFUSED)) {
      return REFUSED;
    }
    ObjectNode fields = (ObjectNode) TestJson.MAPPER.readTree(expected);
    return TestJson.MAPPER.writeValueAsString(TestJson.MAPPER.readTree(Json.write(sorted(fields))));
  }

  /** Each field whose value differs: the new value, or "<absent>". Keys sorted. */
  static ObjectNode diff(JsonNode before, JsonNode after) {
    ObjectNode out = TestJson.MAPPER.createObjectNode();
    List<String> keys = new ArrayList<>();
    before.fieldNames().forEachRemaining(keys::add);
    after
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (!keys.contains(k)) keys.add(k);
            });
    for (String k : keys) {
      JsonNode a = before.get(k);
      JsonNode b = after.get(k);
      if (a == null ? b != null : !a.equals(b)) {
        out.set(k, b == null ? out.textNode("<absent>") : b);
      }
    }
    return sorted(out);
  }

  private static ObjectNode sorted(ObjectNode o) {
    ObjectNode s = TestJson.MAPPER.createObjectNode();
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    keys.sort(null);
    keys.forEach(k -> s.set(k, o.get(k)));
    return s;
  }

  private static String[] both(String outcome) {
    return new String[] {outcome, outcome};
  }

  private static String[] onBuild(String trigger) {
    return new String[] {
      "{\"OnBuild\":[\"RUN echo base\",\"" + trigger + "\"]}", "{\"OnBuild\":[\"" + trigger + "\"]}"
    };
  }
}
