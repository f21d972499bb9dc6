package dev.flattar.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.io.Compression;
import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;
import dev.flattar.model.DigestMismatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredDigestsTest {
  @TempDir Path dir;

  @Test
  void closingDeletesTheSpools_andASpoolAskedForAfterwardsIsRefusedNotMade() throws IOException {
    DeferredDigests run = DeferredDigests.none(dir);
    FileChannel spool = run.spool();
    spool.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(files()).hasSize(1);

    run.close();
    assertThat(spool.isOpen()).isFalse();
    assertThat(files()).isEmpty();
    // A scan that was still running when the run gave up (another layer failed) must not leave one.
    assertThatThrownBy(run::spool)
        .isInstanceOf(IOException.class)
        .hasMessage("the run was abandoned: no more layers are kept");
    assertThat(files()).isEmpty();
  }

  /**
   * Checks handed over during the scan wait for it (its threads keep the cores busy) and run once
   * it lets them: seen here by changing the layer between the two, which only a check that had not
   * yet run can notice.
   */
  @Test
  void checks_waitUntilTheScanLetsThem_andAwaitStartsThemToo() throws Exception {
    byte[] layer = "a layer's bytes".getBytes(StandardCharsets.US_ASCII);
    Path file = Files.write(dir.resolve("layer.tar"), layer);
    try (FileChannel channel = FileChannel.open(file);
        DeferredDigests run = DeferredDigests.start(1, dir)) {
      run.add(layer(channel, layer));
      Thread.sleep(200); // time enough for a check that started at once to finish
      layer[0] = 'A';
      Files.write(file, layer);

      run.scanned();
      assertThatThrownBy(run::await)
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining("in.tar: layer 1 (layer.tar) does not match its diff_id");
    }
    try (FileChannel channel = FileChannel.open(file);
        DeferredDigests run = DeferredDigests.start(1, dir)) {
      run.add(layer(channel, layer));

      run.await(); // without scanned(): still checked, and it matches
    }
  }

  /** An uncompressed layer in {@code channel} that claims the digest of {@code bytes}. */
  private static LayerSource layer(FileChannel channel, byte[] bytes) {
    FileSlice data = new FileSlice(channel, 0, bytes.length);
    LayerRef ref = new LayerRef("in.tar", 1, "layer.tar", data, Digest.of(bytes), null, -1);
    return new LayerSource(ref, Compression.NONE, null);
  }

  private Stream<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList().stream();
    }
  }
}
