package dev.flattar.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.model.Reporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The names an OCI index gives its entries, and the images they make together. */
final class IndexNames {
  static final String CONTAINERD_NAME = "io.containerd.image.name";
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final Reporter reporter;

  IndexNames(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * The name a descriptor gives its image: containerd's annotation (a full reference) when there is
   * one, else the OCI ref.name, which the spec makes only a tag ({@code 1.0}) but containers/image
   * writes as a full reference; null when neither is there.
   */
  @Nullable String of(JsonNode annotations, String where) {
    String full = annotations.path(CONTAINERD_NAME).asText(null);
    if (full != null && !full.isEmpty()) {
      return full;
    }
    String ref = annotations.path(REF_NAME).asText(null);
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    if (isBareTag(ref)) {
      reporter.verbose(
          where + " is named by tag only ('" + ref + "'): --image " + ref + " selects it");
    }
    return ref;
  }

  /** A ref.name without a repository ({@code latest}, {@code 1.0}). */
  static boolean isBareTag(String name) {
    return !name.contains(":");
  }

  /**
   * Images listed side by side in index.json, each with its platform and all under the same names
   * (an index.json that is itself a manifest list, as buildah and skopeo write one image's
   * platforms), made into one multi-platform image. Other images are kept as they are.
   */
  static List<ArchiveImage> grouped(List<ArchiveImage> images) {
    Map<Object, List<ArchiveImage>> groups = new LinkedHashMap<>();
    for (ArchiveImage image : images) {
      Object key =
          image.listedWithPlatform() && !image.multiPlatform()
              ? List.of(image.names(), image.bareTags())
              : new Object(); // an image of its own
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(image);
    }
    List<ArchiveImage> out = new ArrayList<>();
    for (List<ArchiveImage> side : groups.values()) {
      if (side.size() == 1) {
        out.add(side.get(0));
        continue;
      }
      List<SourceImage> platforms = new ArrayList<>();
      side.forEach(i -> platforms.addAll(i.platforms()));
      ArchiveImage first = side.get(0);
      out.add(new ArchiveImage(first.names(), first.bareTags(), platforms, null, true));
    }
    return out;
  }
}
