package dev.flattar.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image's filesystem as {@code docker create} + {@code docker export} show it: the export tar
 * unpacked by GNU tar as root (modes, owners, devices, {@code security.capability}, hard links,
 * mtimes as the export carries them) and walked by {@link TreeWalk}.
 *
 * <p>The export also holds what {@code docker create} itself adds, its "init layer": {@code
 * .dockerenv}, {@code etc/hosts}, {@code etc/hostname}, {@code etc/resolv.conf}, {@code etc/mtab},
 * {@code dev/console}, {@code dev/pts}, {@code dev/shm}, {@code proc}, {@code sys}, and the parents
 * {@code etc} and {@code dev} it writes into. Each container gets them at its creation time, so two
 * exports of the same image differ there. Only for these paths, and only where the time is at or
 * after {@code since} (the start of the test class), the mtime is set to {@code since}: every other
 * field of them is compared, and every other path is compared in full.
 */
final class DockerExport {
  /** What the init layer makes (moby daemon/initlayer), with the directories it writes into. */
  static final Set<String> CREATED_BY_DOCKER =
      Set.of(
          ".dockerenv",
          "dev",
          "dev/console",
          "dev/pts",
          "dev/shm",
          "etc",
          "etc/hostname",
          "etc/hosts",
          "etc/mtab",
          "etc/resolv.conf",
          "proc",
          "sys");

  private DockerExport() {}

  /** The tree of a fresh container of {@code image}, labelled {@code source}. */
  static Tree of(Docker docker, String image, String source, Path work) {
    Path tar = work.resolve("export.tar");
    Path root = work.resolve("export-root");
    try {
      docker.export(image, tar);
      Files.createDirectories(root);
      Cmd.run(
              List.of(
                  "tar",
                  "--extract",
                  "--same-permissions",
                  "--same-owner",
                  "--numeric-owner",
                  "--xattrs",
                  "--xattrs-include=*",
                  "--delay-directory-restore",
                  "--file",
                  tar.toString(),
                  "--directory",
                  root.toString()),
              Map.of(),
              Duration.ofMinutes(5))
          .orFail();
      return creationTimesAsSince(TreeWalk.walk(root, source), docker.since);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      Cmd.removeTree(root);
      Cmd.removeTree(tar);
    }
  }

  /** The tree with the mtime of each path Docker made at or after {@code since} set to since. */
  static Tree creationTimesAsSince(Tree tree, long since) {
    Map<String, Tree.Row> rows = new LinkedHashMap<>(tree.rows());
    for (String path : CREATED_BY_DOCKER) {
      Tree.Row r = rows.get(path);
      if (r != null && Long.parseLong(r.mtime()) >= since) {
        rows.put(path, r.withMtime(Long.toString(since)));
      }
    }
    return new Tree(tree.source(), rows);
  }

  /** The tree without what Docker adds to every export (for comparing with another engine). */
  static Tree withoutCreatedByDocker(Tree tree) {
    Map<String, Tree.Row> rows = new LinkedHashMap<>(tree.rows());
    rows.keySet().removeAll(CREATED_BY_DOCKER);
    return new Tree(tree.source(), rows);
  }
}
