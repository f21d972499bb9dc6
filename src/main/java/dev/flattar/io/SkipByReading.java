package dev.flattar.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Skips by reading into a large buffer. Decompressors skip by reading anyway, but in small chunks
 * (InflaterInputStream uses 512 bytes), which is slow for the long runs of unwanted data a merge
 * skips.
 */
public final class SkipByReading extends FilterInputStream {
  private final byte[] sink = new byte[256 * 1024];

  public SkipByReading(InputStream in) {
    super(in);
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    int got = in.read(sink, 0, (int) Math.min(n, sink.length));
    return Math.max(got, 0);
  }
}
