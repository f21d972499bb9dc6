package dev.flattar.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bytes pass through unchanged, in order, and the digest covers exactly them. */
class ParallelDigestOutputStreamTest {
  @ParameterizedTest(name = "{0} bytes written, then {1} read from a stream of {2}")
  @CsvSource({
    "0, 0, 0",
    "512, 1000, 1000",
    "1048575, 2, 2", // a read that crosses a chunk boundary
    "1048576, 3145728, 3145728", // whole chunks
    "100, 5000000, 5000000",
    "700, 4096, 1000", // the stream ends early
  })
  void writesAndReadsInto_passTheBytesAndHashThem(int written, long wanted, int available)
      throws IOException {
    Random random = new Random(written + wanted);
    byte[] head = new byte[written];
    byte[] stream = new byte[available];
    byte[] tail = {1, 2, 3};
    random.nextBytes(head);
    random.nextBytes(stream);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    ParallelDigestOutputStream out = new ParallelDigestOutputStream(sink);
    out.write(head, 0, head.length);
    long got = out.writeFrom(new ByteArrayInputStream(stream), wanted);
    out.write(tail, 0, tail.length);
    Digest digest = out.finish();

    assertThat(got).isEqualTo(Math.min(wanted, available));
    byte[] expected = new byte[written + (int) got + tail.length];
    System.arraycopy(head, 0, expected, 0, written);
    System.arraycopy(stream, 0, expected, written, (int) got);
    System.arraycopy(tail, 0, expected, written + (int) got, tail.length);
    assertThat(sink.toByteArray()).isEqualTo(expected);
    assertThat(out.count()).isEqualTo(expected.length);
    assertThat(digest).isEqualTo(Digest.of(expected));
  }
}
