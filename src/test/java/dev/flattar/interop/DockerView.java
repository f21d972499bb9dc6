package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One image as the Docker Engine shows it: {@code docker image inspect}, {@code docker history}
 * (newest first), the tree of {@code docker export} (see {@link DockerExport}) and, where asked
 * for, what running containers show: a listing (see {@link DockerRun}) and the image's own command.
 *
 * @param listing what {@link DockerRun#listing} printed, or null if not run
 * @param command what {@code docker run IMAGE} printed and returned, or null if not run
 */
record DockerView(
    String id,
    JsonNode inspect,
    List<JsonNode> history,
    Tree tree,
    String listing,
    Cmd.Result command) {

  /** What Docker shows without running the image; {@code label} names it in the tree's source. */
  static DockerView of(Docker docker, String ref, String label, Path work) {
    return new DockerView(
        docker.id(ref),
        docker.inspect(ref),
        docker.history(ref),
        DockerExport.of(docker, ref, "docker export of " + label, work),
        null,
        null);
  }

  /** The same and a running container's listing, and the image's own command if {@code own}. */
  static DockerView running(Docker docker, String ref, String label, boolean own, Path work) {
    DockerView v = of(docker, ref, label, work);
    return new DockerView(
        v.id,
        v.inspect,
        v.history,
        v.tree,
        DockerRun.listing(docker, ref),
        own ? DockerRun.command(docker, ref) : null);
  }

  /** {@code RootFS.Layers}: the image's diff_ids, oldest first. */
  List<String> layers() {
    List<String> out = new ArrayList<>();
    inspect.path("RootFS").path("Layers").forEach(l -> out.add(l.asText()));
    return out;
  }
}
