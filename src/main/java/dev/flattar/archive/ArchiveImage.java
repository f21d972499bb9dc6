package dev.flattar.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Platform;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An image as loaders see it: under its names, one platform's image, or several (a multi-platform
 * image, listed by one image index).
 *
 * @param names the names the archive gives it ({@code name:tag}), not yet validated
 * @param bareTags what an OCI layout's {@code org.opencontainers.image.ref.name} gives when it is
 *     only a tag ({@code 1.0}: skopeo {@code oci:DIR:TAG}, rules_oci): it selects the image, but
 *     names no repository
 * @param platforms one image per platform, in the index's order
 * @param index the annotations of the index that listed the platforms (null when there was no such
 *     index, or it had none)
 * @param listedWithPlatform whether index.json lists it with a platform object (one platform of
 *     several listed side by side, as a manifest list itself)
 */
public record ArchiveImage(
    List<String> names,
    List<String> bareTags,
    List<SourceImage> platforms,
    @Nullable ObjectNode index,
    boolean listedWithPlatform) {

  public ArchiveImage {
    names = List.copyOf(names);
    bareTags = List.copyOf(bareTags);
    platforms = List.copyOf(platforms);
  }

  /** A single-platform image under its own names. */
  public static ArchiveImage of(SourceImage image) {
    return new ArchiveImage(image.tags(), List.of(), List.of(image), null, false);
  }

  /** Whether it holds more than one platform. */
  public boolean multiPlatform() {
    return platforms.size() > 1;
  }

  /** These platforms only; null when none is left. */
  public @Nullable ArchiveImage only(List<SourceImage> kept) {
    return kept.isEmpty()
        ? null
        : new ArchiveImage(names, bareTags, kept, index, listedWithPlatform);
  }

  /**
   * How it is named in lists: {@code app:1.0 (ab12cd34ef56, linux/amd64)} for one platform ({@code
   * ab12cd34ef56 (linux/amd64)} untagged), {@code app:1.0 (linux/amd64, linux/arm64/v8)} for
   * several.
   */
  public String displayName() {
    if (!multiPlatform()) {
      SourceImage image = platforms.get(0);
      Platform platform = image.platform();
      String name =
          !image.tags().isEmpty() ? image.tags().get(0) : names.isEmpty() ? null : names.get(0);
      String id = image.id().shortHex();
      if (name == null) {
        return platform == null ? image.id().toString() : id + " (" + platform + ")";
      }
      return name + " (" + id + (platform == null ? "" : ", " + platform) + ")";
    }
    List<String> listed = new ArrayList<>();
    for (SourceImage p : platforms) {
      Platform platform = p.platform();
      listed.add(platform == null ? p.id().shortHex() : platform.toString());
    }
    String name = names.isEmpty() ? "an unnamed image" : names.get(0);
    return name + " (" + String.join(", ", listed) + ")";
  }
}
