package dev.flattar.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.interop.DockerDaemon;
import dev.flattar.testing.FlatArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/examples/make, run with the real make in a scratch copy: it builds a valid one-layer archive,
 * rebuilds exactly when app.tar or the jar is newer, gives the same bytes every time, a failed
 * build leaves no partial output and keeps a previous good one, and {@code make load} puts the
 * image into a (private) Docker daemon.
 */
class MakeExampleIT {
  @TempDir Path tmp;
  private Path dir;
  private Path jar;

  @BeforeEach
  void copyExample() throws IOException {
    dir = Examples.copy("make", tmp.resolve("make"));
    // A copy of the jar, so that a test can make it newer without touching target/.
    jar = Files.copy(Examples.jar(), tmp.resolve("flat-tar.jar"));
    Files.copy(Examples.sample(), app());
    // Inputs as in a checkout, older than any build: only a test's change makes one newer.
    FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    Files.setLastModifiedTime(app(), anHourAgo);
    Files.setLastModifiedTime(jar, anHourAgo);
  }

  @Test
  void make_flattensAppTar_intoOneLayerArchiveNamedByDefaultFlags() {
    ok(make());

    FlatArchive flat = FlatArchive.read(output());
    assertThat(flat.repoTags()).containsExactly("app:flat");
  }

  @Test
  void make_flatTarFlagsVariable_reachesFlatTar() {
    ok(make("FLAT_TAR_FLAGS=-q -t app:flat -t registry.example.com/app:2"));

    assertThat(FlatArchive.read(output()).repoTags())
        .containsExactly("app:flat", "registry.example.com/app:2");
  }

  @Test
  void make_secondRun_doesNothing() throws IOException {
    ok(make());
    FileTime built = Files.getLastModifiedTime(output());

    assertThat(make("-q").code()).as("`make -q` after a build: 0 means up to date").isZero();
    Command.Result again = ok(make());
    assertThat(again.output()).as(again.describe()).contains("'app-flat.tar' is up to date");
    assertThat(Files.getLastModifiedTime(output())).isEqualTo(built);
  }

  @Test
  void make_newerInput_rebuilds() throws IOException {
    assertNewerPrerequisiteRebuilds(app());
  }

  @Test
  void make_newerJar_rebuilds() throws IOException {
    assertNewerPrerequisiteRebuilds(jar);
  }

  @Test
  void make_cleanBuilds_giveIdenticalBytes_sameAsRunningFlatTarDirectly() throws IOException {
    ok(make());
    String first = Examples.sha256(output());
    ok(make("clean"));
    assertThat(output()).doesNotExist();
    ok(make("-j4"));

    assertThat(Examples.sha256(output())).as("second clean build (make -j4)").isEqualTo(first);
    byte[] direct =
        Examples.flattenDirectly(app(), tmp.resolve("direct.tar"), List.of("-q", "-t", "app:flat"));
    assertThat(Examples.sha256(tmp.resolve("direct.tar")))
        .as("java -jar flat-tar.jar -q -t app:flat, %,d bytes", direct.length)
        .isEqualTo(first);
  }

  @Test
  void make_corruptInput_failsAndLeavesNoOutput() throws IOException {
    truncateInput();

    Command.Result r = make();
    assertThat(r.code()).as(r.describe()).isNotZero();
    assertThat(r.output()).as(r.describe()).contains("flat-tar: app.tar:");
    assertThat(output()).as("output after " + r.describe()).doesNotExist();
    assertThat(listing()).as("files left in the example directory").doesNotContain(".app-flat.tar");
  }

  @Test
  void make_corruptInput_keepsPreviousOutput_andRetriesNextTime() throws IOException {
    ok(make());
    String good = Examples.sha256(output());
    truncateInput();
    changeAfterBuild(app());

    Command.Result r = make();
    assertThat(r.code()).as(r.describe()).isNotZero();
    assertThat(Examples.sha256(output()))
        .as("previous output after " + r.describe())
        .isEqualTo(good);
    assertThat(make("-q").code()).as("`make -q` after the failure: 1 means it will retry").isOne();
  }

  @Test
  void makeLoad_loadsTheFlattenedImageIntoDocker() {
    Examples.requireDocker("MakeExampleIT");
    try (DockerDaemon docker = DockerDaemon.start()) {
      Map<String, String> env = new HashMap<>(docker.env());
      env.put("LC_ALL", "C");
      Command.Result r =
          ok(
              Command.run(
                  dir, Duration.ofMinutes(2), env, List.of("make", "FLAT_TAR_JAR=" + jar, "load")));
      assertThat(r.output()).as(r.describe()).contains("Loaded image: app:flat");
      Examples.assertLoaded(docker, output(), "app:flat");
    }
  }

  private void assertNewerPrerequisiteRebuilds(Path prerequisite) throws IOException {
    ok(make());
    changeAfterBuild(prerequisite);
    FileTime built = Files.getLastModifiedTime(output());

    assertThat(make("-q").code()).as("`make -q` with a newer " + prerequisite).isOne();
    Command.Result rebuild = ok(make());
    assertThat(rebuild.output()).as(rebuild.describe()).contains("-o app-flat.tar app.tar");
    assertThat(Files.getLastModifiedTime(output())).isNotEqualTo(built);
    assertThat(make("-q").code()).as("`make -q` after the rebuild").isZero();
    FlatArchive.read(output());
  }

  /** Runs make in the example with the copied jar; LC_ALL=C for make's own messages. */
  private Command.Result make(String... args) {
    List<String> command = new ArrayList<>(List.of("make", "FLAT_TAR_JAR=" + jar));
    command.addAll(Arrays.asList(args));
    return Command.run(dir, Duration.ofMinutes(2), Map.of("LC_ALL", "C"), command);
  }

  private static Command.Result ok(Command.Result r) {
    assertThat(r.code()).as(r.describe()).isZero();
    return r;
  }

  private Path app() {
    return dir.resolve("app.tar");
  }

  private Path output() {
    return dir.resolve("app-flat.tar");
  }

  /** app.tar as an interrupted `docker save` would leave it: the sample cut in half. */
  private void truncateInput() throws IOException {
    byte[] sample = Files.readAllBytes(Examples.sample());
    Files.write(app(), Arrays.copyOf(sample, sample.length / 2));
  }

  /**
   * Dates the output a minute back and {@code file} half a minute back: {@code file} changed after
   * the last build, by a margin no file system's timestamp granularity can hide.
   */
  private void changeAfterBuild(Path file) throws IOException {
    Instant now = Instant.now();
    Files.setLastModifiedTime(output(), FileTime.from(now.minusSeconds(60)));
    Files.setLastModifiedTime(file, FileTime.from(now.minusSeconds(30)));
  }

  private String listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return String.join(" ", files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
