package dev.flattar.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.testing.TestJson;
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
 * images, whose config keeps Healthcheck and OnBuild, and no identity label. It also makes new
 * images from an archive's image with shell edits in the mounted root ({@link #plant}), and
 * squashes one ({@link #squash}).
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

  /**
   * One layer a real tool adds: {@code script} (bash) run with the working container's mounted root
   * as its directory, then {@code buildah config configFlags} (none: the config is kept).
   */
  record Layer(String script, List<String> configFlags) {
    Layer(String script) {
      this(script, List.of());
    }
  }

  /**
   * A new image made from the image of {@code base} (an archive) as an image builder makes one: for
   * each layer, {@code buildah from} the image before it, {@code buildah mount}, the script, {@code
   * buildah umount}, {@code buildah config}, {@code buildah commit} (without {@code --timestamp},
   * so files keep the times the script gave them); then {@code buildah push} of the last image to
   * {@code destination} ({@code docker-archive:FILE:NAME} or {@code oci-archive:FILE}). Every image
   * and container made here is removed again, so is the loaded base.
   */
  void plant(Path base, List<Layer> layers, String destination) {
    String baseId = load(base);
    List<String> made = new ArrayList<>();
    try {
      String previous = baseId;
      for (Layer layer : layers) {
        String tag = "localhost/flattar-planted:" + ++images;
        String container = from(previous);
        boolean committed = false;
        try {
          edit(container, layer.script());
          if (!layer.configFlags().isEmpty()) {
            List<String> config = new ArrayList<>(List.of("buildah", "config"));
            config.addAll(layer.configFlags());
            config.add(container);
            run(config.toArray(String[]::new)).orFail();
          }
          run("buildah", "commit", "--quiet", "--identity-label=false", "--rm", container, tag)
              .orFail();
          committed = true;
          made.add(tag);
        } finally {
          if (!committed) {
            run("buildah", "rm", container);
          }
        }
        previous = tag;
      }
      run("buildah", "push", "--quiet", previous, destination).orFail();
    } finally {
      made.forEach(store::remove);
      store.remove(baseId);
    }
  }

  /**
   * {@code buildah commit --squash} of the image of {@code base} (an archive): the engine's own
   * one-layer image of the merged filesystem it mounts, pushed to {@code destination}.
   */
  void squash(Path base, String destination) {
    String baseId = load(base);
    String tag = "localhost/flattar-squashed:" + ++images;
    try {
      String container = from(baseId);
      run(
              "buildah",
              "commit",
              "--quiet",
              "--squash",
              "--identity-label=false",
              "--rm",
              container,
              tag)
          .orFail();
      run("buildah", "push", "--quiet", tag, destination).orFail();
    } finally {
      store.remove(tag);
      store.remove(baseId);
    }
  }

  /** {@code podman load} of a single-image archive; its image id. */
  private String load(Path archive) {
    store.load(archive).orFail();
    return SourceArchive.read(archive).images.get(0).id();
  }

  private String from(String image) {
    return run("buildah", "from", "--pull-never", "--quiet", image).orFail().stdout().strip();
  }

  /** Mounts the container, runs {@code script} in its root, unmounts it. */
  private void edit(String container, String script) {
    Path root = Path.of(run("buildah", "mount", container).orFail().stdout().strip());
    try {
      // the scripts delete with rm -rf relative to their directory: make sure it is the mount
      if (!root.toString().endsWith("/merged") || !run("mountpoint", "-q", root.toString()).ok()) {
        throw new AssertionError("buildah mount gave " + root + ", not an overlay mount point");
      }
      Cmd.run(
              List.of("bash", "-euo", "pipefail", "-c", "umask 022\n" + script),
              store.env(),
              Cmd.DEFAULT_LIMIT,
              root.toFile())
          .orFail();
    } finally {
      run("buildah", "umount", container).orFail();
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
      return new Outcome((ObjectNode) TestJson.MAPPER.readTree(raw), null);
    } catch (IOException e) {
      throw new AssertionError("skopeo printed no JSON config for " + tag + ": " + raw, e);
    }
  }

  private Cmd.Result run(String... command) {
    return Cmd.run(List.of(command), store.env(), Cmd.DEFAULT_LIMIT);
  }
}
