package dev.flattar.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the daemon's own squash ({@code docker build --squash}, Engine 20.10) differs from the
 * truth, the export of the same build unsquashed, as found by {@code DockerBuiltImagesIT}: for each
 * case, the prefixes of the {@link DockerCheck} lines it must give, no more and no fewer. In every
 * one the squash is the side that is wrong; flat-tar shows none of them. The squash computes its
 * layer as the changes between the base's and the image's filesystem, comparing each path's mode,
 * owner, size and mtime (moby pkg/archive ChangesDirs), never the content, never a directory's
 * mtime, and exports a changed file's hard-link partner only if it changed too.
 */
final class DockerSquashFindings {
  /** The squashed image is made now: its Created is the time of the squash build. */
  static final String CREATED = "inspect: Created ";

  /**
   * Per case, beyond {@link #CREATED}. A case with none is missing from the map. Paths and hashes
   * are fixed by the Dockerfiles; times that are the build's are cut off.
   */
  static final Map<String, List<String>> BEYOND_CREATED =
      Map.of(
          // `ln /bin/busybox /h/busybox-link`: overlayfs copies the base's busybox up to link it,
          // which changes no compared stat field, so the squash leaves busybox in the base layer
          // and writes the link as a second, unlinked copy (2 MB more, and a write through one
          // name no longer shows through the other).
          "hardlinks",
          List.of(
              "tree: ~ bin/busybox  hard-link group bin/busybox != -",
              "tree: ~ h/busybox-link  hard-link group bin/busybox != -"),
          // /etc/stamp rewritten with data of the same size and its mtime put back: the squash
          // sees no change and keeps the base's content (wrong data in the image). /opt, a base
          // directory whose only change is its mtime, keeps the base's mtime.
          "metadata",
          List.of(
              "tree: ~ etc/stamp  data"
                  + " sha256:4551db5fd4d56e27be71a8a943070cfaa4342b8e960a326e2d6427b3aa0a5a48"
                  + " != sha256:11a77c3d96c06974b53d7f40a577e6813739eb5c811b2a86f59038ea90add772",
              "tree: ~ opt  mtime 1234567890 != "));

  private DockerSquashFindings() {}

  /** The expected prefixes for one case, {@link #CREATED} first. */
  static List<String> expected(String name) {
    List<String> out = new ArrayList<>(List.of(CREATED));
    out.addAll(BEYOND_CREATED.getOrDefault(name, List.of()));
    return out;
  }

  /**
   * What does not fit: each actual line must start with one expected prefix, and each prefix must
   * be met. Empty when the squash differs exactly as recorded.
   */
  static List<String> unexpected(List<String> expected, List<String> actual) {
    List<String> out = new ArrayList<>();
    for (String line : actual) {
      if (expected.stream().noneMatch(line::startsWith)) {
        out.add("not recorded: " + line);
      }
    }
    for (String prefix : expected) {
      if (actual.stream().noneMatch(l -> l.startsWith(prefix))) {
        out.add("recorded but not seen: " + prefix);
      }
    }
    return out;
  }
}
