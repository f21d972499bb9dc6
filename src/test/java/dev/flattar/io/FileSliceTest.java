package dev.flattar.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A slice's sha256, through mappings of the file a window at a time or read, is its bytes'. */
class FileSliceTest {
  private static final int FILE = 100_000;

  @TempDir Path dir;

  @ParameterizedTest(name = "offset {0}, length {1}, window {2}")
  @CsvSource({
    "0, 100000, 8192", // the whole file, many windows
    "0, 0, 8192", // empty
    "0, 1, 8192",
    "4095, 8193, 8192", // unaligned: neither the start nor the windows on a page
    "12345, 8192, 8192", // exactly one window
    "12345, 8191, 8192",
    "12345, 16385, 8192", // one byte into a third window
    "99999, 1, 4096", // the last byte
    "512, 99488, 1048576", // one window larger than the slice
  })
  void sha256_isTheDigestOfTheSlicesBytes_mappedOrRead(int offset, int length, int window)
      throws IOException {
    byte[] bytes = new byte[FILE];
    new Random(offset * 31L + length).nextBytes(bytes);
    Path file = Files.write(dir.resolve("f"), bytes);
    Digest expected = Digest.of(Arrays.copyOfRange(bytes, offset, offset + length));
    try (FileChannel channel = FileChannel.open(file)) {
      FileSlice slice = new FileSlice(channel, offset, length);

      assertThat(slice.sha256(true, window)).as("mapped").isEqualTo(expected);
      assertThat(slice.sha256(false, window)).as("read").isEqualTo(expected);
      assertThat(slice.sha256()).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void sha256_ofASliceTheFileNoLongerHolds_isAnError(boolean map) throws IOException {
    Path file = Files.write(dir.resolve("f"), new byte[FILE]);
    try (FileChannel channel = FileChannel.open(file)) {
      FileSlice slice = new FileSlice(channel, 90_000, 20_000);

      assertThatThrownBy(() -> slice.sha256(map, 8192))
          .isInstanceOf(IOException.class)
          .hasMessage("file ended early: the input changed while it was read");
    }
  }
}
