package dev.flattar.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * buildah on a private podman store, changing an image's config two ways: a build of {@code FROM
 * base} plus Dockerfile instructions (imagebuilder, buildah's Docker-compatible builder), and
 * {@code buildah config} flags on a working container, then commit. Both write Docker-format
 * images, whose config keeps Healthcheck and OnBuild, and no identity label.
 */
final class Buildah {
  /** The config an engine wrote, or its error. */
  record Outcome(ObjectNode config, String error) {}

  private final Podman store;
  private final Path work;
  private int images;

  Buildah(Podman store, Path work) {
    this.store = store;
    this.work = work;
  }

  /** {@code buildah build} of {@code FROM base} followed by {@code instructions}. */
  Outcome build(String base, List<String> instructions) {
    String tag = "localhost/flattar-config-case:" + ++images;
    try {
      Path context = Files.createDirectories(work.resolve("build-" + images));
      List<String> lines = new ArrayList<>(List.of("FROM " + base));
      lines.addAll(instructions);
      Files.write(context.resolve("Containerfile"), lines);
      Cmd.Result built =
          run(
              "buildah",
              "build",
              "--quiet",
              "--format",
              "docker",
              "--pull=never",
              "--identity-label=false",
              "--tag",
              tag,
              context.toString());
      return built.ok() ? configOf(tag) : new Outcome(null, built.describe());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code buildah from base}, {@code buildah config FLAGS}, {@code buildah commit}. */
  Outcome configure(String base, List<String> flags) {
    String tag = "localhost/flattar-config-flags:" + ++images;
    String container =
        run("buildah", "from", "--pull-never", "--quiet", base).orFail().stdout().strip();
    try {
      List<String> config = new ArrayList<>(List.of("buildah", "config"));
      config.addAll(flags);
      config.add(container);
      Cmd.Result configured = run(config.toArray(String[]::new));
      if (!configured.ok()) {
        return new Outcome(null, configured.describe());
      }
      run(
              "buildah",
              "commit",
              "--quiet",
              "--format",
              "docker",
              "--identity-label=false",
              container,
              tag)
          .orFail();
      return configOf(tag);
    } finally {
      run("buildah", "rm", container).orFail();
    }
  }

  /** The config blob as the store holds it (skopeo reads the bytes buildah wrote). */
  private Outcome configOf(String tag) {
    String raw =
        run("skopeo", "inspect", "--config", "--raw", "containers-storage:" + tag)
            .orFail()
            .stdout();
    store.remove(tag);
    try {
      return new Outcome((ObjectNode) Json.MAPPER.readTree(raw), null);
    } catch (IOException e) {
      throw new AssertionError("skopeo printed no JSON config for " + tag + ": " + raw, e);
    }
  }

  private Cmd.Result run(String... command) {
    return Cmd.run(List.of(command), store.env(), Cmd.DEFAULT_LIMIT);
  }
}
