package dev.flattar.model;

import java.util.Locale;

/**
 * The layout of the written archive: {@code docker} (manifest.json, what docker load and podman
 * load read), {@code oci} (an OCI image layout: oci-layout, index.json, blobs/sha256), {@code both}
 * (both sets of files over the same blobs, as docker save 25+ writes), or {@code auto}: docker,
 * unless an image keeps several platforms, which only an index can hold; then both.
 */
public enum OutputFormat {
  AUTO,
  DOCKER,
  OCI,
  BOTH;

  /** Whether manifest.json is written (auto: once {@link #resolve resolved}). */
  public boolean docker() {
    return this == DOCKER || this == BOTH;
  }

  /** Whether the OCI layout files are written (auto: once {@link #resolve resolved}). */
  public boolean oci() {
    return this == OCI || this == BOTH;
  }

  /** The format to write: auto made docker or, when an image keeps several platforms, both. */
  public OutputFormat resolve(boolean multiPlatform) {
    if (this != AUTO) {
      return this;
    }
    return multiPlatform ? BOTH : DOCKER;
  }

  public static OutputFormat parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + text + "': use auto, docker, oci or both");
    }
  }
}
