package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * flat-tar's --change against Docker's own (issue 14): a filesystem {@code docker import}ed with
 * the instructions, and the same filesystem imported plainly, saved, flattened with the same
 * instructions and loaded, show Docker the same Config.
 */
class DockerConfigChangesIT {
  @RegisterExtension static final DockerPerClass DOCKER = new DockerPerClass();

  static final List<String> FIELDS =
      List.of(
          "Env",
          "Cmd",
          "Entrypoint",
          "User",
          "WorkingDir",
          "Labels",
          "ExposedPorts",
          "Volumes",
          "OnBuild",
          "Healthcheck");

  static Path rootfs;
  static Path base;

  @BeforeAll
  static void importTheBase() throws Exception {
    Docker docker = DOCKER.docker();
    Path dir = docker.workDir("config-base");
    rootfs =
        Files.write(
            dir.resolve("rootfs.tar"), Layers.tar(Member.dir("etc"), Member.file("etc/x", "x")));
    docker.docker("import", rootfs.toString(), "flattar-config-base:1").orFail();
    base = docker.save("flattar-config-base:1", dir.resolve("base.tar"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "LABEL build=42 \"team name\"=core",
        "ENV A=1 B=\"two words\"|ENV C=$A",
        "CMD [\"/bin/app\",\"--serve\"]",
        "ENTRYPOINT /bin/run --fast",
        "USER 1000:1000|WORKDIR /srv|WORKDIR data",
        "EXPOSE 80 443/tcp 53/udp",
        "VOLUME [\"/data\",\"/logs\"]",
        "ONBUILD RUN echo hi",
        "HEALTHCHECK --interval=5s --retries=2 CMD curl -f http://localhost/",
      })
  void change_givesTheConfigDockerImportGives(String lines) throws Exception {
    Docker docker = DOCKER.docker();
    Path dir = docker.workDir("change");
    List<String> importArgs = new ArrayList<>(List.of("import"));
    List<String> flatArgs = new ArrayList<>(List.of("-q", "-t", "flattar-config-flat:1"));
    for (String line : lines.split("\\|")) {
      importArgs.addAll(List.of("--change", line));
      flatArgs.addAll(List.of("--change", line));
    }
    importArgs.addAll(List.of(rootfs.toString(), "flattar-config-docker:1"));
    docker.docker(importArgs.toArray(String[]::new)).orFail();
    Path flat = dir.resolve("flat.tar");
    flatArgs.addAll(List.of("-o", flat.toString(), base.toString()));
    BuiltJar.run(docker.jar, Map.of(), flatArgs).orFail();
    docker.load(flat).orFail();

    JsonNode theirs = docker.inspect("flattar-config-docker:1").get("Config");
    JsonNode ours = docker.inspect("flattar-config-flat:1").get("Config");
    for (String field : FIELDS) {
      assertThat(ours.get(field)).as(lines + ": " + field).isEqualTo(theirs.get(field));
    }
    docker.remove("flattar-config-docker:1", "flattar-config-flat:1");
  }
}
