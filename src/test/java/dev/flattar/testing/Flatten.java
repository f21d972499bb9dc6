package dev.flattar.testing;

import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.model.FlatTarException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs flat-tar on archive bytes through the public API. */
public final class Flatten {
  private Flatten() {}

  public static FlatArchive run(byte[] archive) throws FlatTarException {
    return run(archive, FlattenOptions.defaults());
  }

  public static FlatArchive run(byte[] archive, FlattenOptions options) throws FlatTarException {
    return run(archive, options, 1);
  }

  /** Runs and reads back an image of {@code layers} layers (kept base layers plus the new one). */
  public static FlatArchive run(byte[] archive, FlattenOptions options, int layers)
      throws FlatTarException {
    try {
      Path dir = Files.createTempDirectory("flat-tar-test");
      try {
        Path in = dir.resolve("in.tar");
        Path out = dir.resolve("out.tar");
        Files.write(in, archive);
        FlatTar.flatten(in, out, options);
        return FlatArchive.read(java.nio.file.Files.readAllBytes(out), layers);
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
