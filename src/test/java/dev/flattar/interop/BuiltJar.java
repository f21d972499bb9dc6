package dev.flattar.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The built jar ({@code -Dflattar.jar}, target/flat-tar.jar) run as a user runs it. */
final class BuiltJar {
  private BuiltJar() {}

  static Path jar() {
    Path jar = Path.of(System.getProperty("flattar.jar", "target/flat-tar.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(
          "flat-tar jar not found at " + jar.toAbsolutePath() + ": run `mvn package` first");
    }
    return jar;
  }

  /**
   * {@code java -jar JAR [--image ID] -o OUT ARCHIVE}; fails with flat-tar's stderr unless it exits
   * 0 and wrote {@code out}.
   */
  static void flatten(Path jar, Path archive, String imageId, Path out) {
    Cmd.Result r = run(jar, archive, imageId, out);
    if (!r.ok() || !Files.isRegularFile(out)) {
      throw new AssertionError("flat-tar did not flatten " + archive + ": " + r.describe());
    }
  }

  /**
   * {@code java -jar JAR ARGS...} with {@code env} added to the environment; {@code
   * SOURCE_DATE_EPOCH} is unset unless {@code env} sets it, so the caller's shell cannot change the
   * output.
   */
  static Cmd.Result run(Path jar, Map<String, String> env, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("env", "-u", "SOURCE_DATE_EPOCH"));
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(args);
    return Cmd.run(cmd, Map.of(), Duration.ofMinutes(5));
  }

  static Cmd.Result run(Path jar, Path archive, String imageId, Path out) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-jar", jar.toString(), "-q"));
    if (imageId != null) {
      cmd.addAll(List.of("--image", "sha256:" + imageId));
    }
    cmd.addAll(List.of("-o", out.toString(), archive.toString()));
    return Cmd.run(cmd, Map.of(), Duration.ofMinutes(5));
  }
}
