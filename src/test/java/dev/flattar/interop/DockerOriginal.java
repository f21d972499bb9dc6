package dev.flattar.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image in the daemon that the tier flattens: its name, its {@code docker save} archive (the
 * input flat-tar gets), what its config says (layer count, which history entries have a layer) and
 * how Docker shows it.
 *
 * @param ref the name it is saved by (one tag: {@code docker save REPO} would save every tag)
 * @param nonEmpty per history entry, oldest first: whether it has a layer (no {@code empty_layer})
 */
record DockerOriginal(
    String ref, String label, Path archive, int layers, List<Boolean> nonEmpty, DockerView view) {

  /**
   * Saves {@code ref} into {@code dir} and looks at it; {@code runCommand}: also run the image's
   * own command (images built here have one that prints what they hold).
   */
  static DockerOriginal of(Docker docker, String ref, String label, boolean runCommand, Path dir) {
    Path archive = docker.save(ref, dir.resolve("original.tar"));
    OriginalImage image = SourceArchive.read(archive).image(null);
    List<Boolean> nonEmpty = new ArrayList<>();
    image.config().path("history").forEach(h -> nonEmpty.add(!h.path("empty_layer").asBoolean()));
    DockerView view = DockerView.running(docker, ref, label, runCommand, dir);
    return new DockerOriginal(ref, label, archive, image.layers(), List.copyOf(nonEmpty), view);
  }

  String id() {
    return view.id();
  }
}
