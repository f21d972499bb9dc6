package dev.flattar.model;

import java.util.Locale;

/**
 * How the written layer is compressed: {@code none}, {@code gzip[:LEVEL]} (1-9, default 6) or
 * {@code zstd[:LEVEL]} (1-19, default 3).
 */
public record OutputCompression(Kind kind, int level) {
  /** The compression formats flat-tar writes. */
  public enum Kind {
    NONE(MediaTypes.OCI_LAYER, ""),
    GZIP(MediaTypes.OCI_LAYER_GZIP, ".gz"),
    ZSTD(MediaTypes.OCI_LAYER_ZSTD, ".zst");

    private final String mediaType;
    private final String extension;

    Kind(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }
  }

  public static final OutputCompression NONE = new OutputCompression(Kind.NONE, 0);

  public OutputCompression {
    int max = kind == Kind.GZIP ? 9 : kind == Kind.ZSTD ? 19 : 0;
    int min = kind == Kind.NONE ? 0 : 1;
    if (level < min || level > max) {
      throw new IllegalArgumentException(
          kind.name().toLowerCase(Locale.ROOT)
              + " level must be "
              + min
              + "-"
              + max
              + ", got "
              + level);
    }
  }

  /**
   * Parses {@code none}, {@code gzip}, {@code gzip:9}, {@code zstd}, {@code zstd:19}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static OutputCompression parse(String text) {
    String[] parts = text.toLowerCase(Locale.ROOT).split(":", 2);
    Kind kind =
        switch (parts[0]) {
          case "none" -> Kind.NONE;
          case "gzip" -> Kind.GZIP;
          case "zstd" -> Kind.ZSTD;
          default ->
              throw new IllegalArgumentException(
                  "unknown compression '" + text + "': use none, gzip[:LEVEL] or zstd[:LEVEL]");
        };
    if (parts.length == 1) {
      return new OutputCompression(kind, kind == Kind.GZIP ? 6 : kind == Kind.ZSTD ? 3 : 0);
    }
    if (kind == Kind.NONE) {
      throw new IllegalArgumentException("'none' takes no level");
    }
    try {
      return new OutputCompression(kind, Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("compression level '" + parts[1] + "' is not a number");
    }
  }

  /** The OCI layer media type for this compression. */
  public String mediaType() {
    return kind.mediaType;
  }

  /** {@code layer.tar} plus {@code .gz} or {@code .zst}. */
  public String layerFileName() {
    return "layer.tar" + kind.extension;
  }

  @Override
  public String toString() {
    return kind == Kind.NONE ? "none" : kind.name().toLowerCase(Locale.ROOT) + ":" + level;
  }
}
