package dev.flattar.io;

import dev.flattar.model.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Feeds every byte that passes into a sha256 and counts them. Skipping reads through, so the digest
 * always covers the whole stream.
 */
public final class HashingInputStream extends FilterInputStream {
  private final MessageDigest sha = Digest.sha256();
  private final byte[] skipBuffer = new byte[64 * 1024];
  private long count;

  public HashingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      sha.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      sha.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    int n1 = read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
    return Math.max(n1, 0);
  }

  /** Reads to the end of the stream, so that the digest covers trailing bytes too. */
  public void drain() throws IOException {
    while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
      // keep hashing
    }
  }

  public long count() {
    return count;
  }

  /** The digest of everything read so far; call once, at the end. */
  public Digest digest() {
    return Digest.of(sha);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
