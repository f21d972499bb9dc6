package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * podman (and anything else built on containers/storage, such as buildah) on a private overlay
 * store under a temporary directory: the same driver as the default store, but the host's images
 * are never seen, tagged or removed, and concurrent runs cannot collide. Selected with {@code
 * CONTAINERS_STORAGE_CONF} and {@code CONTAINERS_CONF}.
 */
final class Podman implements AutoCloseable {
  private final Path dir;
  private final Map<String, String> env;

  private Podman(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** A fresh store in {@code dir} (which must be empty or absent). */
  static Podman privateStore(Path dir) {
    try {
      Files.createDirectories(dir);
      Path storage = dir.resolve("storage.conf");
      Files.writeString(
          storage,
          "[storage]\ndriver = \"overlay\"\n"
              + ("graphroot = \"" + dir.resolve("root") + "\"\n")
              + ("runroot = \"" + dir.resolve("run") + "\"\n"));
      Path containers = dir.resolve("containers.conf");
      Files.writeString(
          containers,
          "[engine]\n"
              + ("tmp_dir = \"" + dir.resolve("libpod-tmp") + "\"\n")
              + "events_logger = \"none\"\n");
      Files.createDirectories(dir.resolve("tmp"));
      return new Podman(
          dir,
          Map.of(
              "CONTAINERS_STORAGE_CONF", storage.toString(),
              "CONTAINERS_CONF", containers.toString(),
              "TMPDIR", dir.resolve("tmp").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create podman store in " + dir, e);
    }
  }

  /** The environment that points podman, buildah and skopeo at this store. */
  Map<String, String> env() {
    return env;
  }

  /** {@code podman load -i archive}; the result says whether podman accepted it. */
  Cmd.Result load(Path archive) {
    return podman("load", "-i", archive.toString());
  }

  /** {@code podman pull -q SOURCE} (a transport reference such as {@code oci-archive:FILE}). */
  Cmd.Result pull(String source) {
    return podman("pull", "-q", source);
  }

  /** {@code podman import -q TAR NAME}: a one-layer image from a plain filesystem tar. */
  Cmd.Result importTar(Path tar, String name) {
    return podman("import", "-q", tar.toString(), name);
  }

  /** The object {@code podman image inspect REF} prints for one image. */
  JsonNode inspect(String ref) {
    return json(podman("image", "inspect", ref).orFail().stdout()).get(0);
  }

  /** {@code podman image mount ID}: the path of the image's merged overlay root. */
  Path mount(String id) {
    return Path.of(podman("image", "mount", id).orFail().stdout().strip());
  }

  void unmount(String id) {
    podman("image", "unmount", id).orFail();
  }

  /** Removes an image by id with all its tags; an image that is not there is not an error. */
  void remove(String id) {
    podman("rmi", "--force", "--ignore", id).orFail();
  }

  /** {@code RootFS.Layers} of {@code podman image inspect}: the image's diff_ids. */
  List<String> layers(String id) {
    JsonNode inspect = json(podman("image", "inspect", id).orFail().stdout());
    List<String> out = new ArrayList<>();
    inspect.get(0).path("RootFS").path("Layers").forEach(l -> out.add(l.asText()));
    return out;
  }

  /** Ids of every image in the store. */
  List<String> images() {
    return podman("images", "--all", "--quiet", "--no-trunc").orFail().stdout().lines().toList();
  }

  Cmd.Result podman(String... args) {
    List<String> cmd = new ArrayList<>(List.of("podman"));
    cmd.addAll(List.of(args));
    return Cmd.run(cmd, env, Cmd.DEFAULT_LIMIT);
  }

  /** Removes whatever is left (a failed test's images) and the store itself. */
  @Override
  public void close() {
    try {
      for (String id : images()) {
        podman("image", "unmount", "--force", id);
        remove(id);
      }
    } finally {
      Cmd.removeTree(dir);
    }
  }

  private static JsonNode json(String text) {
    try {
      return TestJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("podman printed no JSON: " + text, e);
    }
  }
}
