package dev.flattar.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes every byte read through it to the end of a file, in blocks: the decompressed stream of a
 * layer kept while its headers are read, so the layer is decompressed once. Skipping reads through,
 * so the file always holds the whole stream read so far.
 */
public final class TeeToFile extends FilterInputStream {
  private static final int BLOCK = 1 << 18;

  private final FileChannel file;
  private final ByteBuffer pending = ByteBuffer.allocateDirect(BLOCK);
  private final byte[] sink = new byte[BLOCK];
  private long written;

  public TeeToFile(InputStream in, FileChannel file) {
    super(in);
    this.file = file;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      keep(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    int got = read(sink, 0, (int) Math.min(n, sink.length));
    return Math.max(got, 0);
  }

  /** Reads to the end of the stream and writes out what is still pending; returns what it kept. */
  public FileSlice finish() throws IOException {
    while (read(sink, 0, sink.length) >= 0) {
      // keep copying
    }
    flushPending();
    return new FileSlice(file, 0, written);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void keep(byte[] b, int off, int n) throws IOException {
    int at = off;
    int left = n;
    while (left > 0) {
      int step = Math.min(left, pending.remaining());
      pending.put(b, at, step);
      at += step;
      left -= step;
      if (!pending.hasRemaining()) {
        flushPending();
      }
    }
  }

  private void flushPending() throws IOException {
    pending.flip();
    while (pending.hasRemaining()) {
      written += file.write(pending);
    }
    pending.clear();
  }
}
