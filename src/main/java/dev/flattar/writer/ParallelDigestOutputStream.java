package dev.flattar.writer;

import dev.flattar.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Passes bytes through to an output while a second thread computes their sha256, so hashing the
 * layer (the single largest cost of writing it) overlaps reading and writing. Bytes are gathered
 * into chunks from a small fixed pool: memory stays bounded and the writer waits only when the
 * hasher is a whole pool behind.
 */
final class ParallelDigestOutputStream extends OutputStream {
  private static final int CHUNK = 1 << 20;
  private static final int POOL = 4;
  private static final Chunk END = new Chunk(new byte[0]);

  private static final class Chunk {
    final byte[] bytes;
    int length;

    Chunk(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  private final OutputStream out;
  private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(POOL);
  private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(POOL + 1);
  private final MessageDigest sha = Digest.sha256();
  private final Thread hasher;
  private @Nullable Chunk current;
  private long count;
  private @Nullable Digest digest;

  ParallelDigestOutputStream(OutputStream out) {
    this.out = out;
    for (int i = 0; i < POOL; i++) {
      free.add(new Chunk(new byte[CHUNK]));
    }
    hasher = new Thread(this::hashChunks, "flat-tar-hash");
    hasher.setDaemon(true);
    hasher.start();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      Chunk c = room();
      int n = Math.min(len, CHUNK - c.length);
      System.arraycopy(b, off, c.bytes, c.length, n);
      filled(c, n);
      off += n;
      len -= n;
    }
  }

  /**
   * Reads up to {@code n} bytes of {@code in} straight into the chunks: what {@link #write} does
   * with bytes already read, without copying them once more. Returns how many were read, fewer than
   * {@code n} only when {@code in} ended.
   */
  long writeFrom(InputStream in, long n) throws IOException {
    long done = 0;
    while (done < n) {
      Chunk c = room();
      int got = in.read(c.bytes, c.length, (int) Math.min(n - done, CHUNK - c.length));
      if (got < 0) {
        break;
      }
      filled(c, got);
      done += got;
    }
    return done;
  }

  /** The chunk being filled, taken from the pool when there is none. */
  private Chunk room() throws IOException {
    Chunk c = current;
    if (c == null) {
      c = take(free);
      current = c;
    }
    return c;
  }

  /** Counts {@code n} more bytes in the current chunk, and passes it on once it is full. */
  private void filled(Chunk c, int n) throws IOException {
    c.length += n;
    count += n;
    if (c.length == CHUNK) {
      pass(c);
      current = null;
    }
  }

  long count() {
    return count;
  }

  /** Passes on what is left, waits for the hasher, and returns the digest of all bytes. */
  Digest finish() throws IOException {
    Digest done = digest;
    if (done == null) {
      Chunk last = current;
      if (last != null && last.length > 0) {
        pass(last);
      }
      current = null;
      put(END);
      try {
        hasher.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing");
      }
      done = Digest.of(sha);
      digest = done;
    }
    return done;
  }

  /** Stops the hasher without a result (the output is being abandoned). */
  void abandon() {
    hasher.interrupt();
  }

  private void pass(Chunk chunk) throws IOException {
    out.write(chunk.bytes, 0, chunk.length);
    put(chunk);
  }

  private void hashChunks() {
    try {
      while (true) {
        Chunk c = toHash.take();
        if (c == END) {
          return;
        }
        sha.update(c.bytes, 0, c.length);
        c.length = 0;
        free.put(c);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(Chunk chunk) throws IOException {
    try {
      toHash.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }

  private static Chunk take(BlockingQueue<Chunk> queue) throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing");
    }
  }
}
