package dev.flattar.io;

import static dev.flattar.testing.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Digest;
import dev.flattar.testing.Archives;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spooled stream is copied byte for byte, and the data of each of its members is hashed on the
 * way, whatever the stream turns out to be.
 */
class SpoolDigestsTest {
  @TempDir Path tmp;

  @Test
  void everyMembersData_isHashedAsItIsSpooled() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("small", random(3));
    files.put("empty", new byte[0]);
    files.put("across-chunks", random(3 << 20)); // several of the spool's 1 MiB chunks
    files.put("odd", random(70_001));
    byte[] tar = Archives.tar(files, Map.of("link", "small"));

    try (InputArchive spooled = InputArchive.stdin(new ByteArrayInputStream(tar), tmp)) {
      assertThat(spooled(spooled)).isEqualTo(tar);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        FileSlice data = dataOf(spooled, tar, f.getValue());
        if (f.getValue().length > 0) {
          assertThat(spooled.digests().of(data)).as(f.getKey()).isEqualTo(Digest.of(f.getValue()));
          // Only the exact range is known.
          assertThat(
                  spooled
                      .digests()
                      .of(new FileSlice(spooled.channel(), data.offset(), data.length() - 1)))
              .isNull();
        }
      }
    }
  }

  @Test
  void aStreamCutShort_knowsTheMembersBeforeTheCut_andSpoolsEverything() throws Exception {
    byte[] first = random(5000);
    byte[] second = random(2 << 20);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("first", first);
    files.put("second", second);
    byte[] tar = Archives.tar(files, Map.of());
    byte[] cut = Arrays.copyOf(tar, indexOf(tar, second) + 1000);

    try (InputArchive spooled = InputArchive.stdin(new ByteArrayInputStream(cut), tmp)) {
      assertThat(spooled(spooled)).isEqualTo(cut);
      assertThat(spooled.digests().of(dataOf(spooled, cut, first))).isEqualTo(Digest.of(first));
      assertThat(
              spooled
                  .digests()
                  .of(new FileSlice(spooled.channel(), indexOf(tar, second), second.length)))
          .isNull();
    }
  }

  @Test
  void notATar_isSpooledWithNothingKnown() throws Exception {
    byte[] garbage = random(3 << 20);

    try (InputArchive spooled = InputArchive.stdin(new ByteArrayInputStream(garbage), tmp)) {
      assertThat(spooled(spooled)).isEqualTo(garbage);
      assertThat(spooled.digests().of(new FileSlice(spooled.channel(), 512, 1000))).isNull();
    }
  }

  private static FileSlice dataOf(InputArchive archive, byte[] tar, byte[] data) {
    return new FileSlice(archive.channel(), indexOf(tar, data), data.length);
  }

  private static byte[] spooled(InputArchive archive) throws Exception {
    return new FileSlice(archive.channel(), 0, archive.size()).readAll();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
