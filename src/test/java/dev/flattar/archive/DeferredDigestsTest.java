package dev.flattar.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

  private Stream<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList().stream();
    }
  }
}
