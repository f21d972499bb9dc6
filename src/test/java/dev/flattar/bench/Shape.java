package dev.flattar.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a synthetic image, parsed from {@code key=value} words.
 *
 * @param layers number of layers
 * @param filesPerLayer regular files each layer writes (new or rewritten)
 * @param minSize smallest file, bytes
 * @param maxSize largest file, bytes (sizes are uniform between the two)
 * @param rewrite fraction of each later layer's files that rewrite a path an earlier layer wrote
 * @param whiteout fraction (of filesPerLayer) of live paths each later layer deletes
 * @param hardlinks fraction (of filesPerLayer) of hard links each layer adds to its own files
 * @param gzip whether layers are gzip-compressed
 * @param zstd whether layers are zstd-compressed (level 3, as Docker and containerd write them)
 * @param text whether contents are word-like text (compressible ~3x) instead of random bytes
 * @param filesPerDir files per directory
 * @param seed random seed: the same shape and seed give the same bytes
 */
public record Shape(
    int layers,
    int filesPerLayer,
    int minSize,
    int maxSize,
    double rewrite,
    double whiteout,
    double hardlinks,
    boolean gzip,
    boolean zstd,
    boolean text,
    int filesPerDir,
    long seed) {

  public static Shape parse(String... words) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("layers", "6");
    v.put("files", "100");
    v.put("size", "1000");
    v.put("rewrite", "0");
    v.put("whiteout", "0");
    v.put("hardlinks", "0");
    v.put("gzip", "false");
    v.put("zstd", "false");
    v.put("text", "false");
    v.put("perdir", "200");
    v.put("seed", "1");
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0 || !v.containsKey(word.substring(0, eq))) {
        throw new IllegalArgumentException(
            "unknown shape parameter '" + word + "'; known: " + v.keySet());
      }
      v.put(word.substring(0, eq), word.substring(eq + 1));
    }
    String size = v.get("size");
    int dots = size.indexOf("..");
    int min = (int) bytes(dots < 0 ? size : size.substring(0, dots));
    int max = (int) bytes(dots < 0 ? size : size.substring(dots + 2));
    return new Shape(
        Integer.parseInt(v.get("layers")),
        (int) bytes(v.get("files")),
        min,
        max,
        Double.parseDouble(v.get("rewrite")),
        Double.parseDouble(v.get("whiteout")),
        Double.parseDouble(v.get("hardlinks")),
        Boolean.parseBoolean(v.get("gzip")),
        Boolean.parseBoolean(v.get("zstd")),
        Boolean.parseBoolean(v.get("text")),
        Integer.parseInt(v.get("perdir")),
        Long.parseLong(v.get("seed")));
  }

  /** "1m" is 1,048,576; "80k" is 81,920; plain numbers are taken as they are. */
  static long bytes(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (t.endsWith("k")) {
      unit = 1L << 10;
    } else if (t.endsWith("m")) {
      unit = 1L << 20;
    } else if (t.endsWith("g")) {
      unit = 1L << 30;
    }
    return unit == 1 ? Long.parseLong(t) : Long.parseLong(t.substring(0, t.length() - 1)) * unit;
  }
}
