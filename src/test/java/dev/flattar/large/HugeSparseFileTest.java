package dev.flattar.large;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.Input;
import dev.flattar.Output;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse file of 8 GiB + 1 MiB (a few KB in its layer, written by GNU tar) comes out as a plain
 * file of that size: past the 8 GiB ustar limit in the layer and in the outer archive. The output
 * is parsed as it streams, by commons-compress on another thread, so nothing large touches disk.
 */
class HugeSparseFileTest {
  private static final long SIZE = (8L << 30) + (1 << 20);
  private static final byte[] TAIL =
      "the end\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @TempDir Path tmp;

  @Test
  void sparseFileOver8GiB_isWrittenAsAPlainFileOfItsFullSize() throws Exception {
    Path big = tmp.resolve("big");
    try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(SIZE);
      f.seek(SIZE - TAIL.length);
      f.write(TAIL);
    }
    Path layer = tmp.resolve("layer.tar");
    Process tar =
        new ProcessBuilder(
                "tar",
                "--sparse",
                "--format=posix",
                "-C",
                tmp.toString(),
                "-cf",
                layer.toString(),
                "big")
            .redirectErrorStream(true)
            .start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    assertThat(Files.size(layer)).isLessThan(1 << 20);
    Path in = tmp.resolve("in.tar");
    Files.write(
        in,
        Archives.build(
            Archives.Layout.DOCKER, ImageSpec.of(Files.readAllBytes(layer)).tags("big:1")));
    Files.delete(big);

    PipedInputStream pipe = new PipedInputStream(1 << 20);
    PipedOutputStream out = new PipedOutputStream(pipe);
    CompletableFuture<long[]> reader = CompletableFuture.supplyAsync(() -> readBack(pipe));
    FlatTar.flatten(Input.file(in), Output.stream(out), FlattenOptions.defaults());
    out.close();

    long[] found = reader.get(10, TimeUnit.MINUTES);
    assertThat(found[0]).as("size of big in the flattened layer").isEqualTo(SIZE);
    assertThat(found[1]).as("non-zero bytes before the tail").isZero();
    assertThat(found[2]).as("the tail is there").isEqualTo(1);
  }

  /** {size of 'big', non-zero bytes before its tail, 1 if the tail matched}. */
  private static long[] readBack(InputStream archive) {
    try (TarArchiveInputStream outer = new TarArchiveInputStream(archive)) {
      TarArchiveEntry member;
      while ((member = outer.getNextEntry()) != null) {
        if (!member.getName().endsWith("layer.tar")) {
          continue;
        }
        assertThat(member.getSize()).isGreaterThan(SIZE);
        TarArchiveInputStream layer = new TarArchiveInputStream(outer);
        TarArchiveEntry e;
        while ((e = layer.getNextEntry()) != null) {
          if (e.getName().equals("big")) {
            return scan(layer, e.getSize());
          }
        }
      }
      throw new AssertionError("no big file in the output");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long[] scan(InputStream data, long size) throws java.io.IOException {
    byte[] buffer = new byte[1 << 20];
    long read = 0;
    long nonZero = 0;
    byte[] last = new byte[TAIL.length];
    int n;
    while ((n = data.read(buffer)) > 0) {
      long start = read;
      read += n;
      for (int i = 0; i < n; i++) {
        if (buffer[i] != 0 && start + i < size - TAIL.length) {
          nonZero++;
        }
      }
      if (read >= size) {
        System.arraycopy(buffer, n - TAIL.length, last, 0, TAIL.length);
      }
    }
    return new long[] {size, nonZero, java.util.Arrays.equals(last, TAIL) ? 1 : 0};
  }
}
