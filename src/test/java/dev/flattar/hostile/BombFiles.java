package dev.flattar.hostile;

import com.github.luben.zstd.ZstdOutputStream;
import dev.flattar.model.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPOutputStream;

/**
 * Decompression bombs written straight to disk (never whole in memory): small compressed layers
 * that expand to hundreds of megabytes, in a valid docker-save archive with the right diff_id.
 */
final class BombFiles {
  /** Writes the uncompressed tar stream of a layer. */
  interface LayerBody {
    void write(OutputStream tar) throws IOException;
  }

  private BombFiles() {}

  /** One regular file {@code name} of {@code size} zero bytes. */
  static LayerBody zeros(String name, long size) {
    return tar -> {
      tar.write(RawTar.header(name, '0', size));
      byte[] chunk = new byte[1 << 20];
      for (long left = size; left > 0; left -= chunk.length) {
        tar.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      tar.write(new byte[(int) (-size & 511) + 1024]);
    };
  }

  /** {@code count} empty regular files, {@code d0000/f00000000} onwards. */
  static LayerBody emptyFiles(int count) {
    return tar -> {
      byte[] template = RawTar.header("d0000/f00000000", '0', 0);
      for (int i = 0; i < count; i++) {
        byte[] h = template.clone();
        digits(h, 1, 4, i / 1000);
        digits(h, 7, 8, i);
        tar.write(RawTar.checksum(h));
      }
      tar.write(new byte[1024]);
    };
  }

  /**
   * Writes a docker-save archive of one image whose one layer is {@code body}, compressed with
   * {@code zstd} or gzip; returns its path.
   */
  static Path archive(Path dir, LayerBody body, boolean zstd) throws IOException {
    Path layer = dir.resolve("layer.bin");
    MessageDigest sha = Digest.sha256();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(layer), 1 << 20);
        OutputStream compressed =
            zstd ? new ZstdOutputStream(file, 3) : new GZIPOutputStream(file, 1 << 16);
        OutputStream tar =
            new BufferedOutputStream(new DigestOutputStream(compressed, sha), 1 << 20)) {
      body.write(tar);
    }
    String diffId = Digest.of(sha).toString();
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\""
                + diffId
                + "\"]},\"history\":[{\"created_by\":\"bomb\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    String configName = Digest.of(config).hex() + ".json";
    byte[] manifest =
        ("[{\"Config\":\""
                + configName
                + "\",\"RepoTags\":[\"bomb:1\"],\"Layers\":[\"layer.tar\"]}]")
            .getBytes(StandardCharsets.UTF_8);
    Path archive = dir.resolve("in.tar");
    long size = Files.size(layer);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 20);
        InputStream in = Files.newInputStream(layer)) {
      out.write(RawTar.header("layer.tar", '0', size));
      in.transferTo(out);
      out.write(new byte[(int) (-size & 511)]);
      out.write(RawTar.member(configName, config));
      out.write(RawTar.member("manifest.json", manifest));
      out.write(new byte[1024]);
    }
    Files.delete(layer);
    return archive;
  }

  private static void digits(byte[] h, int at, int width, int value) {
    for (int i = at + width - 1; i >= at; i--) {
      h[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
