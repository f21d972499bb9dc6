package dev.flattar.pipeline;

import dev.flattar.archive.IndexEntry;
import dev.flattar.archive.Skipped;
import dev.flattar.archive.SourceImage;
import dev.flattar.model.Digest;
import dev.flattar.model.Reporter;
import dev.flattar.model.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Says on stderr what the input lists that the output will not hold: platforms whose blobs are
 * absent, and attestations and referrers of the images that flattening replaces. Other artifacts
 * are only said with --verbose (as they are met).
 */
final class SkippedReport {
  static final int MAX_LISTED = 8;

  private SkippedReport() {}

  static void report(Chosen chosen, Reporter reporter) {
    List<String> absent = new ArrayList<>();
    chosen.skipped().stream()
        .filter(s -> s.kind() == Skipped.Kind.ABSENT)
        .forEach(s -> absent.add(s.what()));
    if (!absent.isEmpty()) {
      reporter.info(
          "skipped "
              + Texts.count(absent.size(), "manifest")
              + " the index lists but the archive does not hold: "
              + listed(absent));
    }
    Map<Digest, SourceImage> flattened = new HashMap<>();
    for (SourceImage image : chosen.platforms()) {
      IndexEntry entry = image.entry();
      if (entry != null) {
        flattened.put(entry.manifest(), image);
      }
    }
    for (Skipped s : chosen.skipped()) {
      SourceImage subject = s.subject() == null ? null : flattened.get(s.subject());
      if (subject != null) {
        reporter.info(
            "dropped "
                + s.what()
                + " of "
                + subject.displayName()
                + (subject.platform() == null ? "" : " for " + subject.platform())
                + ": it refers to the image that flattening replaces");
      }
    }
  }

  private static String listed(List<String> items) {
    List<String> shown = new ArrayList<>(items.subList(0, Math.min(MAX_LISTED, items.size())));
    if (items.size() > MAX_LISTED) {
      shown.add("and " + (items.size() - MAX_LISTED) + " more");
    }
    return String.join(", ", shown);
  }
}
