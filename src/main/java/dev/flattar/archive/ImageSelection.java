package dev.flattar.archive;

import dev.flattar.model.ImageReference;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Chooses the images (and their platforms) to flatten from those an archive holds. */
public final class ImageSelection {
  static final int MAX_LISTED = 10;

  private ImageSelection() {}

  /**
   * The images {@code wanted} and {@code platforms} choose.
   *
   * @param wanted a name ({@code busybox}, {@code busybox:1.36}, {@code docker.io/library/busybox},
   *     an OCI layout's bare tag {@code 1.0}), or an image id or a unique prefix of one ({@code
   *     sha256:ab12…}, {@code ab12…}, at least 4 hex digits, choosing that platform), or null
   * @param platforms the platforms to keep of each image (empty: all)
   * @param all every image chosen, rather than exactly one
   * @throws InvalidImageException when nothing is chosen, or several images when one is wanted; the
   *     message lists the images with their platforms
   */
  public static List<ArchiveImage> select(
      List<ArchiveImage> images,
      @Nullable String wanted,
      List<Platform> platforms,
      boolean all,
      String archive)
      throws InvalidImageException {
    List<ArchiveImage> named = wanted == null ? images : byName(images, wanted);
    if (named.isEmpty()) {
      throw new InvalidImageException(
          archive + " has no image '" + wanted + "'; it holds: " + describe(images));
    }
    List<ArchiveImage> chosen = byPlatform(named, platforms);
    if (chosen.isEmpty()) {
      throw new InvalidImageException(
          archive
              + " has no image for --platform "
              + String.join(", ", platforms.stream().map(Platform::toString).toList())
              + "; it holds: "
              + describe(named));
    }
    if (all || chosen.size() == 1) {
      return chosen;
    }
    if (wanted == null) {
      throw new InvalidImageException(
          archive
              + " holds "
              + chosen.size()
              + " images; choose one with --image: "
              + describe(chosen));
    }
    throw new InvalidImageException(
        "--image '"
            + wanted
            + "' matches "
            + chosen.size()
            + " images in "
            + archive
            + ": "
            + describe(chosen));
  }

  /** The images named {@code wanted}; an id prefix keeps only the platforms it names. */
  private static List<ArchiveImage> byName(List<ArchiveImage> images, String wanted) {
    List<ArchiveImage> out = new ArrayList<>();
    for (ArchiveImage image : images) {
      if (hasName(image, wanted)) {
        out.add(image);
        continue;
      }
      List<SourceImage> ids = new ArrayList<>();
      image.platforms().stream().filter(p -> hasId(p, wanted)).forEach(ids::add);
      ArchiveImage some = image.only(ids);
      if (some != null) {
        out.add(some);
      }
    }
    return out;
  }

  private static List<ArchiveImage> byPlatform(List<ArchiveImage> images, List<Platform> wanted) {
    if (wanted.isEmpty()) {
      return images;
    }
    List<ArchiveImage> out = new ArrayList<>();
    for (ArchiveImage image : images) {
      List<SourceImage> kept = new ArrayList<>();
      for (SourceImage p : image.platforms()) {
        Platform platform = p.platform();
        if (platform != null && wanted.stream().anyMatch(w -> w.matches(platform))) {
          kept.add(p);
        }
      }
      ArchiveImage some = image.only(kept);
      if (some != null) {
        out.add(some);
      }
    }
    return out;
  }

  static boolean hasId(SourceImage image, String wanted) {
    String hex = wanted.toLowerCase(Locale.ROOT);
    if (hex.startsWith("sha256:")) {
      hex = hex.substring("sha256:".length());
    }
    return hex.length() >= 4 && hex.matches("[0-9a-f]+") && image.id().hex().startsWith(hex);
  }

  static boolean hasName(ArchiveImage image, String wanted) {
    if (image.bareTags().contains(wanted)) {
      return true;
    }
    ImageReference want = ImageReference.parseWithDefaultTag(wanted);
    if (want == null) {
      return false;
    }
    for (String name : image.names()) {
      ImageReference have = ImageReference.parseWithDefaultTag(name);
      if (have != null && have.sameImageAs(want)) {
        return true;
      }
    }
    return false;
  }

  /** The images by name, at most {@link #MAX_LISTED} of them: an error stays one short line. */
  private static String describe(List<ArchiveImage> images) {
    List<String> names = new ArrayList<>();
    images.stream().limit(MAX_LISTED).forEach(i -> names.add(i.displayName()));
    if (images.size() > MAX_LISTED) {
      names.add("and " + (images.size() - MAX_LISTED) + " more");
    }
    return String.join(", ", names);
  }
}
