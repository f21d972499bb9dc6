package dev.flattar.model;

import java.util.Locale;

/**
 * The layout of the written archive: {@code docker} (manifest.json, what docker load and podman
 * load read), {@code oci} (an OCI image layout: oci-layout, index.json, blobs/sha256) or {@code
 * both} (both sets of files over the same blobs, as docker save 25+ writes).
 */
public enum OutputFormat {
  DOCKER,
  OCI,
  BOTH;

  public boolean docker() {
    return this != OCI;
  }

  public boolean oci() {
    return this != DOCKER;
  }

  public static OutputFormat parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format '" + text + "': use docker, oci or both");
    }
  }
}
