package dev.flattar.writer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * A single-member gzip stream compressed on several threads, the way pigz does it: the input is cut
 * into fixed 128 KiB blocks, each deflated independently with the previous 32 KiB as preset
 * dictionary and ended with a sync flush, and the pieces are written in order. The bytes depend
 * only on the data and the level, never on thread timing. Any gzip reader decodes them.
 */
final class ParallelGzipOutputStream extends OutputStream {
  private static final int BLOCK = 128 * 1024;
  private static final int DICTIONARY = 32 * 1024;
  private static final int IN_FLIGHT = 8;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

  private final OutputStream out;
  private final int level;
  private final ExecutorService workers;
  private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private byte[] block = new byte[BLOCK];
  private int filled;
  private byte @Nullable [] previous;
  private long total;
  private boolean finished;

  ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
    this.out = out;
    this.level = level;
    this.workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "flat-tar-gzip");
              t.setDaemon(true);
              return t;
            });
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    crc.update(b, off, len);
    total += len;
    while (len > 0) {
      int n = Math.min(len, BLOCK - filled);
      System.arraycopy(b, off, block, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == BLOCK) {
        submit(false);
      }
    }
  }

  /** Writes the last block and the gzip trailer; does not close the underlying stream. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      submit(true);
      while (!pending.isEmpty()) {
        out.write(await(pending.poll()));
      }
      long c = crc.getValue();
      byte[] trailer = new byte[8];
      for (int i = 0; i < 4; i++) {
        trailer[i] = (byte) (c >>> (8 * i));
        trailer[4 + i] = (byte) (total >>> (8 * i));
      }
      out.write(trailer);
    } finally {
      workers.shutdownNow();
    }
  }

  /** Stops the workers without writing anything more (the output is being abandoned). */
  void abandon() {
    workers.shutdownNow();
  }

  private void submit(boolean last) throws IOException {
    byte[] data = Arrays.copyOf(block, filled);
    byte[] dictionary = previous;
    previous =
        filled >= DICTIONARY
            ? Arrays.copyOfRange(block, filled - DICTIONARY, filled)
            : joinTail(previous, data);
    filled = 0;
    pending.add(workers.submit(() -> deflate(data, dictionary, last)));
    while (pending.size() >= IN_FLIGHT) {
      out.write(await(pending.poll()));
    }
  }

  private byte[] deflate(byte[] data, byte @Nullable [] dictionary, boolean last) {
    Deflater deflater = new Deflater(level, true);
    try {
      if (dictionary != null) {
        deflater.setDictionary(dictionary);
      }
      deflater.setInput(data);
      if (last) {
        deflater.finish();
      }
      byte[] buffer = new byte[data.length + data.length / 8 + 1024];
      int size = 0;
      while (true) {
        int space = buffer.length - size;
        int n =
            deflater.deflate(buffer, size, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
        size += n;
        // A sync flush is complete when it left output space unused; the last block when finished.
        if (last ? deflater.finished() : n < space) {
          return Arrays.copyOf(buffer, size);
        }
        if (size == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
      }
    } finally {
      deflater.end();
    }
  }

  /** The last 32 KiB of previous + data, when data alone is shorter than that. */
  private static byte[] joinTail(byte @Nullable [] previous, byte[] data) {
    byte[] head = previous == null ? new byte[0] : previous;
    byte[] joined = Arrays.copyOf(head, head.length + data.length);
    System.arraycopy(data, 0, joined, head.length, data.length);
    return joined.length <= DICTIONARY
        ? joined
        : Arrays.copyOfRange(joined, joined.length - DICTIONARY, joined.length);
  }

  private static byte[] await(Future<byte[]> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IOException("compression failed", e.getCause());
    }
  }
}
