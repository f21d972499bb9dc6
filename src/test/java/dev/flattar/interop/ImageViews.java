package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An output archive as the engines show it after loading it in one particular way: {@code podman
 * load}, {@code podman pull TRANSPORT:FILE}, {@code podman import}, {@code ctr images import}. Each
 * call leaves the podman store and the containerd daemon as empty as it found them.
 */
final class ImageViews {
  private ImageViews() {}

  /**
   * One image in podman's store.
   *
   * @param id the image id (hex config digest)
   * @param names the names podman gives it ({@code RepoTags})
   * @param layers {@code RootFS.Layers}: its diff_ids
   * @param created {@code Created}
   * @param historyCreated the {@code created} of its last history entry (null if none)
   * @param tree the tree of {@code podman image mount}
   */
  record PodmanImage(
      String id,
      List<String> names,
      List<String> layers,
      Instant created,
      Instant historyCreated,
      Tree tree) {}

  /** {@code podman load -i ARCHIVE}, then each image of {@code ids} inspected and mounted. */
  static Map<String, PodmanImage> podmanLoad(Podman podman, Path archive, List<String> ids) {
    podman.load(archive).orFail();
    return podmanLoaded(podman, archive, ids);
  }

  /** After a successful {@code podman load -i ARCHIVE}: as {@link #podmanLoad}. */
  static Map<String, PodmanImage> podmanLoaded(Podman podman, Path archive, List<String> ids) {
    try {
      Map<String, PodmanImage> out = new LinkedHashMap<>();
      for (String id : ids) {
        out.put(id, view(podman, id, "podman load -i " + archive.getFileName()));
      }
      return out;
    } finally {
      removeAll(podman);
    }
  }

  /** {@code podman pull SOURCE} ({@code oci-archive:FILE[:REF]}, {@code docker-archive:FILE}). */
  static PodmanImage podmanPull(Podman podman, String source) {
    Cmd.Result pulled = podman.pull(source).orFail();
    try {
      List<String> lines = pulled.stdout().strip().lines().toList();
      return view(podman, lines.get(lines.size() - 1).strip(), "podman pull " + source);
    } finally {
      removeAll(podman);
    }
  }

  /** {@code podman import TAR NAME}: a plain filesystem tar as a one-layer image. */
  static PodmanImage podmanImport(Podman podman, Path tar, String name) {
    Cmd.Result imported = podman.importTar(tar, name).orFail();
    try {
      List<String> lines = imported.stdout().strip().lines().toList();
      return view(podman, lines.get(lines.size() - 1).strip(), "podman import " + tar);
    } finally {
      removeAll(podman);
    }
  }

  private static PodmanImage view(Podman podman, String ref, String how) {
    Cmd.Result inspected = podman.podman("image", "inspect", ref);
    if (!inspected.ok()) {
      throw new AssertionError(
          how
              + ": podman has no image "
              + ref
              + "; it has: "
              + podman.podman("images", "--format", "{{.ID}} {{.Names}}").stdout().strip());
    }
    JsonNode i = podman.inspect(ref);
    String id = i.path("Id").asText();
    List<String> names = texts(i.path("RepoTags"));
    List<String> layers = texts(i.path("RootFS").path("Layers"));
    JsonNode history = i.path("History");
    Instant historyCreated =
        history.size() == 0 ? null : instant(history.get(history.size() - 1).path("created"));
    Path root = podman.mount(id);
    try {
      Tree tree = TreeWalk.walk(root, "podman view after `" + how + "`");
      return new PodmanImage(id, names, layers, instant(i.path("Created")), historyCreated, tree);
    } finally {
      podman.unmount(id);
    }
  }

  private static void removeAll(Podman podman) {
    for (String id : podman.images()) {
      podman.podman("image", "unmount", "--force", id);
      podman.remove(id);
    }
  }

  /**
   * What containerd made of an archive.
   *
   * @param names every image name after the import, sorted
   * @param trees the tree of {@code ctr images mount} for each name asked for that exists
   */
  record ContainerdImport(List<String> names, Map<String, Tree> trees) {}

  /**
   * {@code ctr images import} without {@code --index-name} (so the names are the archive's own),
   * unpacked with overlayfs, which checks every layer against its diff_id; then each of {@code
   * mount} mounted read-only and walked. Every image is removed afterwards.
   */
  static ContainerdImport containerd(
      Containerd ctr, Path archive, String platform, List<String> mount, Path work) {
    try {
      ctr.importArchive(archive, null, platform).orFail();
      List<String> names = ctr.imageNames();
      Map<String, Tree> trees = new LinkedHashMap<>();
      int n = 0;
      for (String name : mount) {
        if (!names.contains(name)) {
          continue;
        }
        Path target = Files.createDirectories(work.resolve("ctr-mount-" + n++));
        ctr.mount(name, platform, target);
        try {
          trees.put(name, TreeWalk.walk(target, "containerd view of " + name));
        } finally {
          ctr.unmount(target);
        }
      }
      return new ContainerdImport(names, trees);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ctr.removeImages();
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Instant instant(JsonNode text) {
    return text.isMissingNode() || text.isNull()
        ? null
        : OffsetDateTime.parse(text.asText()).toInstant();
  }
}
