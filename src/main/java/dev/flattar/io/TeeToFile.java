package dev.flattar.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes every byte read through it to the end of a file, in blocks: the decompressed stream of a
 * layer kept while its headers are read, so the layer is decompressed once. Skipping reads through
 * (InputStream's own skip), so the file always holds the whole stream read so far.
 */
public final class TeeToFile extends BlockInputStream {
  private static final int BLOCK = 1 << 18;

  private final InputStream in;
  private final FileChannel file;
  private final ByteBuffer pending = ByteBuffer.allocateDirect(BLOCK);
  private long written;

  public TeeToFile(InputStream in, FileChannel file) {
    this.in = in;
    this.file = file;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    int at = off;
    int left = Math.max(n, 0);
    while (left > 0) {
      int step = Math.min(left, pending.remaining());
      pending.put(b, at, step);
      at += step;
      left -= step;
      if (!pending.hasRemaining()) {
        flushPending();
      }
    }
    return n;
  }

  /**
   * Writes out what is still pending and returns what the file holds: everything read so far (the
   * whole stream, once it has been read to its end).
   */
  public FileSlice kept() throws IOException {
    flushPending();
    return new FileSlice(file, 0, written);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void flushPending() throws IOException {
    pending.flip();
    while (pending.hasRemaining()) {
      written += file.write(pending);
    }
    pending.clear();
  }
}
