package dev.flattar.config;

import static dev.flattar.config.ApplyOrderTest.apply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.UnsupportedImageException;
import dev.flattar.testing.TestJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How changes combine with each other and with the image, as {@code docker commit --change}: the
 * rules the row table of {@link DockerObservationsTest} shows one by one, here on purpose-built
 * configs, plus flat-tar's own unset flags and its errors.
 */
class ApplySemanticsTest {
  @ParameterizedTest(name = "{0} on {1} gives {2}") // ";;" separates changes
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        // ENTRYPOINT drops the image's Cmd unless a CMD with arguments came first.
        "ENTRYPOINT [\"x\"] | {\"Cmd\":[\"c\"],\"Entrypoint\":[\"e\"]} | {\"Cmd\":null,\"Entrypoint\":[\"x\"]}",
        "CMD [\"y\"] ;; ENTRYPOINT x | {\"Cmd\":[\"c\"]} | {\"Cmd\":[\"y\"],\"Entrypoint\":[\"/bin/sh\",\"-c\",\"x\"]}",
        "CMD [] ;; ENTRYPOINT [\"x\"] | {\"Cmd\":[\"c\"]} | {\"Cmd\":null,\"Entrypoint\":[\"x\"]}",
        "ENTRYPOINT [\"x\"] | {} | {\"Entrypoint\":[\"x\"]}",
        // Commit's merge gives back what the changes left empty.
        "ENTRYPOINT [] | {\"Cmd\":[\"c\"],\"Entrypoint\":[\"e\"]} | {\"Cmd\":[\"c\"],\"Entrypoint\":[\"e\"]}",
        "ENTRYPOINT [] ;; CMD [\"y\"] | {\"Cmd\":[\"c\"],\"Entrypoint\":[\"e\"]} | {\"Cmd\":[\"y\"],\"Entrypoint\":[\"e\"]}",
        "CMD [] | {\"Cmd\":[\"c\"],\"Entrypoint\":[\"e\"]} | {\"Cmd\":[],\"Entrypoint\":[\"e\"]}",
        "CMD [] | {\"Cmd\":[\"c\"]} | {\"Cmd\":[\"c\"]}",
        "USER \"\" | {\"User\":\"app\"} | {\"User\":\"app\"}",
        "USER $NOPE | {\"User\":\"app\"} | {\"User\":\"app\"}",
        // CMD and ENTRYPOINT set ArgsEscaped to false, which Docker leaves out.
        "CMD y | {\"Cmd\":[\"c\"],\"ArgsEscaped\":true} | {\"Cmd\":[\"/bin/sh\",\"-c\",\"y\"]}",
        // A bare CMD is /bin/sh -c alone (Docker's result), and does not keep a later
        // ENTRYPOINT from dropping it.
        "CMD ;; ENTRYPOINT [\"x\"] | {} | {\"Cmd\":null,\"Entrypoint\":[\"x\"]}",
        // WORKDIR: relative to the current one, cleaned; absolute as written.
        "WORKDIR a/../b | {\"WorkingDir\":\"/srv\"} | {\"WorkingDir\":\"/srv/b\"}",
        "WORKDIR x ;; WORKDIR ../y | {} | {\"WorkingDir\":\"/y\"}",
        "WORKDIR /a/../b/ | {\"WorkingDir\":\"/srv\"} | {\"WorkingDir\":\"/a/../b/\"}",
        // Variables come from the Env before each instruction.
        "ENV A=x B=$A ;; ENV C=$A | {\"Env\":[\"A=1\"]} | {\"Env\":[\"A=x\",\"B=1\",\"C=x\"]}",
        "ENV P=8080 ;; EXPOSE $P ;; LABEL port=${P:-80} | {} | {\"Env\":[\"P=8080\"],\"ExposedPorts\":{\"8080/tcp\":{}},\"Labels\":{\"port\":\"8080\"}}",
        // ONBUILD appends to the image's triggers.
        "ONBUILD RUN b | {\"OnBuild\":[\"RUN a\"]} | {\"OnBuild\":[\"RUN a\",\"RUN b\"]}",
        // HEALTHCHECK: fields it leaves zero come from the image's, in Docker's field order;
        // other fields of the old object are dropped, as Docker drops them.
        "HEALTHCHECK --timeout=5s CMD x | {\"Healthcheck\":{\"Retries\":3,\"Test\":[\"NONE\"],\"Interval\":30000000000,\"StartInterval\":7,\"x\":1}} | {\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"x\"],\"Interval\":30000000000,\"Timeout\":5000000000,\"StartInterval\":7,\"Retries\":3}}",
        "HEALTHCHECK --interval=1s CMD a ;; HEALTHCHECK CMD b | {\"Healthcheck\":{\"Test\":[\"NONE\"]}} | {\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"b\"]}}",
        "HEALTHCHECK NONE | {} | {\"Healthcheck\":{\"Test\":[\"NONE\"]}}"
      })
  void changes_combineAsInDockerCommit(String changes, String config, String expected)
      throws Exception {
    ObjectNode after = apply("{\"config\":" + config + "}", changes.split(" ;; "));
    assertThat(after.get("config")).isEqualTo(TestJson.MAPPER.readTree(expected));
  }

  @Test
  void unsetFlags_removeEveryEntry_andAreNotUndoneByTheMerge() throws Exception {
    ObjectNode image =
        (ObjectNode)
            TestJson.MAPPER.readTree(
                "{\"config\":{\"Env\":[\"A=1\",\"B=2\",\"A=3\"],\"Labels\":{\"a\":\"1\",\"b\":\"2\"}}}");
    ObjectNode after =
        ConfigChanges.apply(
            image,
            List.of(
                ChangeFlags.unsetEnv("A"),
                ChangeFlags.unsetLabel("a"),
                ChangeFlags.unsetLabel("absent"),
                ChangeFlags.unsetEnv("ABSENT"),
                ChangeFlags.env("C=$B")));
    assertThat(after.get("config").toString())
        .isEqualTo("{\"Env\":[\"B=2\",\"C=$B\"],\"Labels\":{\"b\":\"2\"}}");
    after = ConfigChanges.apply(image, List.of(ChangeFlags.unsetEnv("A"), ChangeFlags.env("A=4")));
    assertThat(after.get("config").get("Env").toString()).isEqualTo("[\"B=2\",\"A=4\"]");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "EXPOSE $P | EXPOSE $P: 'http' is not a port number",
        "EXPOSE 8$P | EXPOSE 8$P: '8http' is not a port number",
        "ENV $NOPE=1 | ENV $NOPE=1: the variable name is empty",
        "LABEL ${NOPE}=1 | LABEL ${NOPE}=1: the label name is empty",
        "VOLUME $NOPE | VOLUME $NOPE: the volume path is empty",
        "WORKDIR $NOPE | WORKDIR $NOPE: the working directory is empty",
        "STOPSIGNAL $P | STOPSIGNAL $P: 'http' is not a signal name or number (such as SIGTERM or 15)",
        "ENV A=\"${NOPE:?must be set}\" | ENV A=\"${NOPE:?must be set}\": NOPE: must be set"
      })
  void aValueBadOnceItsVariablesAreReplaced_isAUsageErrorNamingTheChange(
      String change, String message) throws Exception {
    assertThatThrownBy(() -> apply("{\"config\":{\"Env\":[\"P=http\"]}}", change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "{\"config\":[]} | LABEL a=1 | image config: config is not an object",
        "{\"config\":{\"Env\":\"A=1\"}} | LABEL a=1 | image config: config.Env is not an array of strings: \"A=1\"",
        "{\"config\":{\"Env\":[1]}} | ENV A=1 | image config: config.Env is not an array of strings: [1]",
        "{\"config\":{\"Labels\":[]}} | LABEL a=1 | image config: config.Labels is not an object: []",
        "{\"config\":{\"WorkingDir\":5}} | WORKDIR x | image config: config.WorkingDir is not a string: 5",
        "{\"config\":{\"Cmd\":5}} | LABEL a=1 | image config: config.Cmd is not an array of strings: 5",
        "{\"config\":{\"OnBuild\":{}}} | ONBUILD RUN x | image config: config.OnBuild is not an array: {}",
        "{\"config\":{\"Healthcheck\":{\"Interval\":\"5s\"}}} | HEALTHCHECK CMD x | image config: config.Healthcheck.Interval is not a whole number: \"5s\""
      })
  void aFieldOfTheWrongType_isAnInvalidImage(String image, String change, String message) {
    assertThatThrownBy(() -> apply(image, change))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage(message);
  }

  @Test
  void aWindowsImage_isNotChanged() {
    assertThatThrownBy(() -> apply("{\"os\":\"windows\",\"config\":{}}", "LABEL a=1"))
        .isInstanceOf(UnsupportedImageException.class)
        .hasMessageContaining("Windows");
  }
}
