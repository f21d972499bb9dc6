package dev.flattar.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.flattar.model.Digest;
import dev.flattar.model.Json;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarHeaderEncoder;
import dev.flattar.testing.TestJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic docker-save archive of a given {@link Shape}, streaming: layers go to
 * temporary files (hashed as written), then into the archive, so inputs of many GB never sit in
 * memory. Usage: {@code SyntheticImage OUT.tar key=value...}.
 */
public final class SyntheticImage {
  private static final int POOL = 64 << 20;

  private final Shape shape;
  private final SplittableRandom random;
  private final byte[] pool;
  private final List<String> live = new ArrayList<>();
  private long written;

  private SyntheticImage(Shape shape) {
    this.shape = shape;
    this.random = new SplittableRandom(shape.seed());
    this.pool = shape.text() ? textPool(random) : randomPool(random);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Shape shape = Shape.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
    long bytes = write(shape, out);
    System.out.printf("%s: %,d bytes, %s%n", out, bytes, shape);
  }

  /** Writes the archive; returns its size. */
  public static long write(Shape shape, Path out) throws IOException {
    Path dir = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".synthetic");
    try {
      return new SyntheticImage(shape).archive(out, dir);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private long archive(Path out, Path dir) throws IOException {
    List<Path> layerFiles = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (int k = 0; k < shape.layers(); k++) {
      Path layer =
          dir.resolve(
              "layer" + k + (shape.gzip() ? ".tar.gz" : shape.zstd() ? ".tar.zst" : ".tar"));
      diffIds.add(layer(k, layer));
      layerFiles.add(layer);
    }
    ObjectNode config = TestJson.MAPPER.createObjectNode();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    config.putObject("config").putArray("Cmd").add("/bin/sh");
    config.put("created", "2024-01-01T00:00:00Z");
    ArrayNode history = config.putArray("history");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    for (Digest d : diffIds) {
      ids.add(d.toString());
      history.addObject().put("created_by", "synthetic layer");
    }
    byte[] configBytes = Json.write(config);
    ArrayNode manifest = TestJson.MAPPER.createArrayNode();
    ObjectNode entry = manifest.addObject();
    entry.put("Config", Digest.of(configBytes).hex() + ".json");
    entry.putArray("RepoTags").add("synthetic:latest");
    ArrayNode layers = entry.putArray("Layers");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      for (int k = 0; k < layerFiles.size(); k++) {
        String name = diffIds.get(k).hex() + "/layer.tar";
        layers.add(name);
        member(o, name, Files.size(layerFiles.get(k)));
        try (InputStream in = Files.newInputStream(layerFiles.get(k))) {
          in.transferTo(o);
        }
        o.write(new byte[(int) (-Files.size(layerFiles.get(k)) & 511)]);
      }
      member(o, entry.get("Config").asText(), configBytes.length);
      o.write(configBytes);
      o.write(new byte[-configBytes.length & 511]);
      byte[] m = Json.write(manifest);
      member(o, "manifest.json", m.length);
      o.write(m);
      o.write(new byte[-m.length & 511]);
      o.write(new byte[1024]);
    }
    return Files.size(out);
  }

  /** Writes layer {@code k}; returns its diff_id. */
  private Digest layer(int k, Path file) throws IOException {
    MessageDigest sha = Digest.sha256();
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        OutputStream compressed =
            shape.gzip()
                ? new GZIPOutputStream(raw, 1 << 16)
                : shape.zstd() ? new ZstdOutputStream(raw, 3) : raw;
        OutputStream o = new DigestOutputStream(compressed, sha)) {
      List<String> dirs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      int files = shape.filesPerLayer();
      int rewrites = k == 0 ? 0 : Math.min(live.size(), (int) Math.round(files * shape.rewrite()));
      int whiteouts =
          k == 0 ? 0 : Math.min(live.size() - rewrites, (int) Math.round(files * shape.whiteout()));
      for (int i = 0; i < rewrites; i++) {
        names.add(live.get(random.nextInt(live.size())));
      }
      for (int i = rewrites; i < files; i++) {
        int n = live.size() + i;
        names.add(String.format("l%02d/d%04d/f%06d.bin", k, n / shape.filesPerDir(), n));
      }
      java.util.Collections.sort(names);
      String lastDir = null;
      for (String name : names) {
        String d = name.substring(0, name.lastIndexOf('/'));
        if (!d.equals(lastDir)) {
          String top = d.substring(0, d.indexOf('/'));
          if (lastDir == null || !lastDir.startsWith(top + "/")) {
            header(o, top + "/", EntryType.DIRECTORY, 0, "");
          }
          header(o, d + "/", EntryType.DIRECTORY, 0, "");
          dirs.add(d);
          lastDir = d;
        }
        int size =
            shape.minSize()
                + (shape.maxSize() > shape.minSize()
                    ? random.nextInt(shape.maxSize() - shape.minSize() + 1)
                    : 0);
        header(o, name, EntryType.FILE, size, "");
        data(o, size);
      }
      int links = (int) Math.round(files * shape.hardlinks());
      for (int i = 0; i < links; i++) {
        String target = names.get(random.nextInt(names.size()));
        String link = target.replace(".bin", ".link" + i);
        header(o, link, EntryType.HARDLINK, 0, target);
        names.add(link);
      }
      for (int i = 0; i < whiteouts && !live.isEmpty(); i++) {
        String victim = live.remove(random.nextInt(live.size()));
        int slash = victim.lastIndexOf('/');
        header(
            o,
            victim.substring(0, slash + 1) + ".wh." + victim.substring(slash + 1),
            EntryType.FILE,
            0,
            "");
      }
      live.addAll(names);
      dedupe();
      o.write(new byte[1024]);
    }
    return Digest.of(sha);
  }

  private void dedupe() {
    java.util.LinkedHashSet<String> set = new java.util.LinkedHashSet<>(live);
    live.clear();
    live.addAll(set);
  }

  private void header(OutputStream o, String name, EntryType type, long size, String link)
      throws IOException {
    int mode = type == EntryType.DIRECTORY ? 0755 : 0644;
    o.write(
        TarHeaderEncoder.encode(
            new TarEntry(
                name,
                type,
                mode,
                0,
                0,
                "root",
                "root",
                1_700_000_000L,
                0,
                link,
                0,
                0,
                size,
                0,
                size,
                null,
                List.of())));
  }

  private void data(OutputStream o, int size) throws IOException {
    int remaining = size;
    while (remaining > 0) {
      int at = random.nextInt(POOL - (1 << 20));
      int n = Math.min(remaining, 1 << 20);
      o.write(pool, at, n);
      remaining -= n;
    }
    o.write(new byte[-size & 511]);
    written += size;
  }

  private static void member(OutputStream o, String name, long size) throws IOException {
    o.write(
        TarHeaderEncoder.encode(
            new TarEntry(
                name,
                EntryType.FILE,
                0644,
                0,
                0,
                "",
                "",
                0,
                0,
                "",
                0,
                0,
                size,
                0,
                size,
                null,
                List.of())));
  }

  private static byte[] randomPool(SplittableRandom random) {
    byte[] pool = new byte[POOL];
    for (int i = 0; i < POOL; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8; j++) {
        pool[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return pool;
  }

  /** Word-like text: gzip compresses it about 3:1, so decompression is real work. */
  private static byte[] textPool(SplittableRandom random) {
    String[] words = new String[4096];
    for (int i = 0; i < words.length; i++) {
      StringBuilder w = new StringBuilder();
      int len = 2 + random.nextInt(9);
      for (int j = 0; j < len; j++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = w.toString();
    }
    byte[] pool = new byte[POOL];
    int at = 0;
    while (at < POOL) {
      byte[] w =
          (words[random.nextInt(words.length)] + (random.nextInt(12) == 0 ? "\n" : " "))
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      int n = Math.min(w.length, POOL - at);
      System.arraycopy(w, 0, pool, at, n);
      at += n;
    }
    return pool;
  }
}
