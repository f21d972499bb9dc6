package dev.flattar.model;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The platform an image is built for, as OCI descriptors and image configs name it: {@code
 * linux/arm64/v8}. Values are kept as written; {@link #normalized()} gives containerd's canonical
 * spelling ({@code aarch64} is {@code arm64}, {@code arm64}'s default variant is {@code v8}).
 *
 * @param variant empty when none is given
 * @param osVersion {@code os.version}, empty when none is given (Windows builds)
 * @param osFeatures {@code os.features}
 */
public record Platform(
    String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

  public Platform {
    osFeatures = List.copyOf(osFeatures);
  }

  public static Platform of(String os, String architecture, String variant) {
    return new Platform(os, architecture, variant, "", List.of());
  }

  /**
   * Parses {@code OS/ARCH[/VARIANT]} as {@code --platform} takes it.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || List.of(parts).stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "invalid platform '" + text + "': expected OS/ARCH[/VARIANT], e.g. linux/arm64/v8");
    }
    return of(
        parts[0].toLowerCase(Locale.ROOT),
        parts[1].toLowerCase(Locale.ROOT),
        parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : "");
  }

  /**
   * containerd's canonical form: architecture aliases resolved ({@code x86_64} → {@code amd64},
   * {@code aarch64} → {@code arm64}, {@code armhf} → {@code arm/v7}, {@code armel} → {@code
   * arm/v6}, {@code i386} → {@code 386}), {@code arm64/v8} → {@code arm64}, {@code arm} → {@code
   * arm/v7}, {@code amd64/v1} → {@code amd64}.
   */
  public Platform normalized() {
    String o = os.toLowerCase(Locale.ROOT);
    String a = architecture.toLowerCase(Locale.ROOT);
    String v = variant.toLowerCase(Locale.ROOT);
    switch (a) {
      case "x86_64", "x86-64", "amd64" -> {
        a = "amd64";
        v = v.equals("v1") ? "" : v;
      }
      case "i386" -> a = "386";
      case "aarch64", "arm64" -> {
        a = "arm64";
        v = v.equals("8") || v.equals("v8") ? "" : v;
      }
      case "armhf" -> {
        a = "arm";
        v = "v7";
      }
      case "armel" -> {
        a = "arm";
        v = "v6";
      }
      case "arm" -> v = v.isEmpty() ? "v7" : v.startsWith("v") ? v : "v" + v;
      default -> {}
    }
    return new Platform(o, a, v, osVersion, osFeatures);
  }

  /**
   * Whether {@code --platform this} chooses an image of {@code image}'s platform, as containerd
   * matches them: OS and architecture equal once normalized; a variant, when this names one, equal
   * too. Without one, arm64 and arm match their default variant only ({@code linux/arm64} is {@code
   * linux/arm64/v8}; {@code linux/arm} is {@code linux/arm/v7}), and amd64 matches every level
   * ({@code v2}, {@code v3} are levels of the same platform).
   */
  public boolean matches(Platform image) {
    Platform want = normalized();
    Platform have = image.normalized();
    if (!want.os.equals(have.os) || !want.architecture.equals(have.architecture)) {
      return false;
    }
    if (!variant.isEmpty() || !want.architecture.equals("amd64")) {
      return want.variant.equals(have.variant);
    }
    return true;
  }

  /** {@code linux/arm64/v8}, the way {@code --platform} writes it. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }

  /**
   * The platform an image config names ({@code os}, {@code architecture}, {@code variant}), or
   * null.
   */
  public static @Nullable Platform ofConfig(
      @Nullable String os, @Nullable String architecture, @Nullable String variant) {
    if (os == null || os.isEmpty() || architecture == null || architecture.isEmpty()) {
      return null;
    }
    return of(os, architecture, variant == null ? "" : variant);
  }
}
