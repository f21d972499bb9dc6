package dev.flattar.archive;

import dev.flattar.model.ImageReference;
import dev.flattar.model.InvalidImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Picks the image to flatten from those an archive holds. */
public final class ImageSelection {
  static final int MAX_LISTED = 10;

  private ImageSelection() {}

  /**
   * The image {@code wanted} names, or the only image when {@code wanted} is null.
   *
   * @param wanted a tag ({@code busybox}, {@code busybox:1.36}, {@code docker.io/library/busybox}),
   *     or an image id or a unique prefix of one ({@code sha256:ab12…}, {@code ab12…}, at least 4
   *     hex digits), or null
   */
  public static SourceImage select(
      List<SourceImage> images, @Nullable String wanted, String archive)
      throws InvalidImageException {
    if (wanted == null) {
      if (images.size() == 1) {
        return images.get(0);
      }
      throw new InvalidImageException(
          archive
              + " holds "
              + images.size()
              + " images; choose one with --image: "
              + describe(images));
    }
    List<SourceImage> matches = new ArrayList<>();
    for (SourceImage image : images) {
      if (matches(image, wanted)) {
        matches.add(image);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new InvalidImageException(
          archive + " has no image '" + wanted + "'; it holds: " + describe(images));
    }
    throw new InvalidImageException(
        "--image '"
            + wanted
            + "' matches "
            + matches.size()
            + " images in "
            + archive
            + ": "
            + describe(matches));
  }

  static boolean matches(SourceImage image, String wanted) {
    String hex = wanted.toLowerCase(Locale.ROOT);
    if (hex.startsWith("sha256:")) {
      hex = hex.substring("sha256:".length());
    }
    if (hex.length() >= 4 && hex.matches("[0-9a-f]+") && image.id().hex().startsWith(hex)) {
      return true;
    }
    ImageReference want = ImageReference.parseWithDefaultTag(wanted);
    if (want == null) {
      return false;
    }
    for (String tag : image.tags()) {
      ImageReference have = ImageReference.parseWithDefaultTag(tag);
      if (have != null && have.sameImageAs(want)) {
        return true;
      }
    }
    return false;
  }

  /** The images by name, at most {@link #MAX_LISTED} of them: an error stays one short line. */
  private static String describe(List<SourceImage> images) {
    List<String> names = new ArrayList<>();
    images.stream().limit(MAX_LISTED).forEach(i -> names.add(i.displayName()));
    if (images.size() > MAX_LISTED) {
      names.add("and " + (images.size() - MAX_LISTED) + " more");
    }
    return String.join(", ", names);
  }
}
