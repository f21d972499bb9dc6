package dev.flattar.model;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Docker image name with a tag, as {@code RepoTags} holds it ({@code busybox:latest}, {@code
 * host:5000/a/b:v1}). The grammar is Docker's distribution/reference: an optional domain,
 * lower-case path components, a tag of up to 128 word characters, dots and dashes.
 */
public record ImageReference(String name, String tag) {
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:"
              + DOMAIN_COMPONENT
              + "(?:\\."
              + DOMAIN_COMPONENT
              + ")*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final int MAX_NAME_LENGTH = 255;

  public ImageReference {
    if (!isValidName(name) || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("not a valid name:tag reference: " + name + ":" + tag);
    }
  }

  /**
   * Parses {@code name:tag}; null when the text is not exactly that (no tag, a digest, bad case).
   */
  public static @Nullable ImageReference parseOrNull(@Nullable String text) {
    if (text == null || text.contains("@")) {
      return null;
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0 || text.indexOf('/', colon) >= 0) {
      return null;
    }
    String name = text.substring(0, colon);
    String tag = text.substring(colon + 1);
    return isValidName(name) && TAG.matcher(tag).matches() ? new ImageReference(name, tag) : null;
  }

  /**
   * Parses {@code name:tag}, rejecting anything else.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static ImageReference parse(String text) {
    ImageReference ref = parseOrNull(text);
    if (ref == null) {
      throw new IllegalArgumentException("not a name:tag reference: '" + text + "'");
    }
    return ref;
  }

  /**
   * Parses a reference the way {@code docker tag} does: a valid name without a tag means {@code
   * :latest}. Returns null for anything Docker would not accept as a repository tag.
   */
  public static @Nullable ImageReference parseWithDefaultTag(@Nullable String text) {
    ImageReference tagged = parseOrNull(text);
    if (tagged != null) {
      return tagged;
    }
    return text != null && !text.contains("@") && isValidName(text)
        ? new ImageReference(text, "latest")
        : null;
  }

  static boolean isValidName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return false;
    }
    String[] parts = name.split("/", -1);
    int first = 0;
    if (parts.length > 1 && looksLikeDomain(parts[0])) {
      if (!DOMAIN.matcher(parts[0]).matches()) {
        return false;
      }
      first = 1;
    }
    for (int i = first; i < parts.length; i++) {
      if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeDomain(String component) {
    return component.contains(".")
        || component.contains(":")
        || component.equals("localhost")
        || !component.equals(component.toLowerCase(Locale.ROOT));
  }

  /** The fully qualified name: {@code busybox} becomes {@code docker.io/library/busybox}. */
  public String canonicalName() {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return "docker.io/library/" + name;
    }
    String first = name.substring(0, slash);
    if (!looksLikeDomain(first)) {
      return "docker.io/" + name;
    }
    return first.equals("index.docker.io") ? "docker.io" + name.substring(slash) : name;
  }

  /** True when both name the same repository and tag once Docker's defaults are applied. */
  public boolean sameImageAs(ImageReference other) {
    return tag.equals(other.tag) && canonicalName().equals(other.canonicalName());
  }

  @Override
  public String toString() {
    return name + ":" + tag;
  }
}
