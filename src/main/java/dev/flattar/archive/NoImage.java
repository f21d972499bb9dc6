package dev.flattar.archive;

import dev.flattar.model.Texts;
import java.util.ArrayList;
import java.util.List;

/** The message for an input in which no container image is left once the rest is skipped. */
final class NoImage {
  private NoImage() {}

  static String message(String archive, List<Skipped> skipped) {
    long artifacts = skipped.stream().filter(s -> s.kind() == Skipped.Kind.ARTIFACT).count();
    long attestations = skipped.stream().filter(s -> s.kind() == Skipped.Kind.ATTESTATION).count();
    long absent = skipped.stream().filter(s -> s.kind() == Skipped.Kind.ABSENT).count();
    if (artifacts + attestations == 0) {
      return archive
          + ": index.json leads to no image manifest in the archive"
          + (absent > 0 ? " (" + absent + " descriptors have no blob here)" : "");
    }
    List<String> counts = new ArrayList<>();
    if (artifacts > 0) {
      counts.add(Texts.count(artifacts, "artifact"));
    }
    if (attestations > 0) {
      counts.add(Texts.count(attestations, "attestation"));
    }
    if (absent > 0) {
      counts.add(absent + " absent");
    }
    List<String> listed = new ArrayList<>();
    skipped.stream().limit(3).forEach(s -> listed.add(s.what()));
    return "no container image in "
        + archive
        + ": "
        + String.join(", ", counts)
        + " ("
        + String.join("; ", listed)
        + (skipped.size() > 3 ? "; …" : "")
        + ")";
  }
}
