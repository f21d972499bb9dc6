package dev.flattar.writer;

import dev.flattar.model.ImageReference;
import dev.flattar.model.Reporter;
import java.util.ArrayList;
import java.util.List;

/** Which RepoTags the flattened image gets. */
public final class OutputTags {
  private OutputTags() {}

  /**
   * The requested tags when any were given (already validated by the caller); otherwise the source
   * image's names that Docker would accept, a bare name becoming {@code name:latest} as {@code
   * docker tag} does. Names Docker would reject (upper case, digests) are dropped with a warning,
   * since one bad RepoTag makes docker load refuse the whole archive.
   */
  public static List<String> choose(
      List<String> requested, List<String> source, Reporter reporter) {
    if (!requested.isEmpty()) {
      return dedupe(requested);
    }
    List<String> out = new ArrayList<>();
    for (String name : source) {
      ImageReference ref = ImageReference.parseWithDefaultTag(name);
      if (ref == null) {
        reporter.warn(
            "dropping image name '" + name + "': not a valid name:tag reference (use --tag)");
      } else {
        out.add(ref.toString());
      }
    }
    return dedupe(out);
  }

  private static List<String> dedupe(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String t : tags) {
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The bare tags an OCI layout named the image by ({@code 1.0}) that are valid tags, to name it
   * the same way in an OCI index (they name no repository, so manifest.json cannot hold them).
   */
  public static List<String> bare(List<String> tags) {
    return dedupe(tags.stream().filter(t -> t.matches("[\\w][\\w.-]{0,127}")).toList());
  }
}
