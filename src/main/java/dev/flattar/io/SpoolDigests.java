package dev.flattar.io;

import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The sha256 of every member's data in a tar stream that is being spooled, computed on a second
 * thread while the spool is written: the archive of a pipe is then hashed as it arrives, not read
 * again afterwards. Keyed by where the data lies in the stream. Best effort: a stream it cannot
 * parse just yields fewer digests (reading the spool reports what is wrong with it).
 */
public final class SpoolDigests {
  private static final int CHUNK = 1 << 20;
  private static final int POOL = 4;
  private static final Filled END = new Filled(new byte[0], 0);
  private static final SpoolDigests NONE = new SpoolDigests();

  /** A digest of {@code length} bytes. */
  private record Known(long length, Digest digest) {}

  /** A chunk and how many of its bytes were read (the array is shared on purpose: no copies). */
  @SuppressWarnings("ArrayRecordComponent")
  private record Filled(byte[] bytes, int length) {}

  private final Map<Long, Known> known = new ConcurrentHashMap<>();
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL);
  private final BlockingQueue<Filled> full = new ArrayBlockingQueue<>(POOL + 1);

  private SpoolDigests() {}

  /** Nothing known: an input read in place. */
  public static SpoolDigests none() {
    return NONE;
  }

  /** The digest of the bytes of {@code slice}, if a member's data was exactly those bytes. */
  public @Nullable Digest of(FileSlice slice) {
    Known k = known.get(slice.offset());
    return k != null && k.length() == slice.length() ? k.digest() : null;
  }

  /**
   * Copies {@code in} to {@code out} in large blocks, hashing member data on a second thread, and
   * returns what was learnt once both are done.
   */
  static SpoolDigests copy(InputStream in, FileChannel out) throws IOException {
    SpoolDigests d = new SpoolDigests();
    for (int i = 0; i < POOL; i++) {
      d.free.add(new byte[CHUNK]);
    }
    Thread parser = new Thread(d::parse, "flat-tar-spool-hash");
    parser.setDaemon(true);
    parser.start();
    try {
      while (true) {
        byte[] chunk = take(d.free);
        int n = in.readNBytes(chunk, 0, CHUNK);
        if (n <= 0) {
          d.free.add(chunk);
          break;
        }
        ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        d.full.put(new Filled(chunk, n));
      }
      d.full.put(END);
      parser.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while spooling");
    } finally {
      parser.interrupt();
    }
    return d;
  }

  private void parse() {
    ChunkStream stream = new ChunkStream();
    try {
      TarReader reader = new TarReader(stream, "spool");
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        if (e.type().hasData() && e.storedSize() > 0) {
          stream.hash(e.dataOffset(), e.storedSize());
        }
      }
    } catch (IOException | FlatTarException | RuntimeException e) {
      // Not a tar stream this can follow: the archive reader will say what is wrong.
    } finally {
      stream.drain();
    }
  }

  private static byte[] take(BlockingQueue<byte[]> queue) throws InterruptedIOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while spooling");
    }
  }

  /**
   * The spooled bytes as a stream, in order, for the tar reader; hashes the range it is told to
   * (the member whose header was just read: its data comes next).
   */
  private final class ChunkStream extends BlockInputStream {
    private byte @Nullable [] chunk;
    private int length;
    private int at;
    private boolean ended;
    private long position;
    private @Nullable MessageDigest sha;
    private long from;
    private long to;

    void hash(long dataOffset, long size) {
      sha = Digest.sha256();
      from = dataOffset;
      to = dataOffset + size;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      byte[] c = fill();
      if (c == null) {
        return -1;
      }
      int n = Math.min(len, length - at);
      System.arraycopy(c, at, b, off, n);
      account(c, at, n);
      at += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] c = n <= 0 ? null : fill();
      if (c == null) {
        return 0;
      }
      int step = (int) Math.min(n, length - at);
      account(c, at, step);
      at += step;
      return step;
    }

    /** Feeds the part of bytes {@code [position, position + n)} that lies in the range to sha. */
    private void account(byte[] bytes, int offset, int n) {
      if (sha != null) {
        long start = Math.max(position, from);
        long end = Math.min(position + n, to);
        if (start < end) {
          sha.update(bytes, offset + (int) (start - position), (int) (end - start));
        }
        if (position + n >= to) {
          known.put(from, new Known(to - from, Digest.of(sha)));
          sha = null;
        }
      }
      position += n;
    }

    /** The chunk holding the next unread byte, or null at the end of the stream. */
    @SuppressWarnings("ReferenceEquality") // END is a sentinel: only it, not an equal chunk, ends
    private byte @Nullable [] fill() throws InterruptedIOException {
      if (ended) {
        return null;
      }
      byte[] current = chunk;
      if (current != null && at < length) {
        return current;
      }
      if (current != null) {
        free.add(current);
        chunk = null;
      }
      try {
        Filled next = full.take();
        if (next == END) { // the sentinel itself, not an equal chunk
          ended = true;
          return null;
        }
        chunk = next.bytes();
        length = next.length();
        at = 0;
        return next.bytes();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing the spool");
      }
    }

    /** Hands back every chunk still coming, so that the spooling thread never waits on this one. */
    void drain() {
      sha = null;
      try {
        while (fill() != null) {
          at = length;
        }
      } catch (InterruptedIOException e) {
        // the spool is being abandoned
      }
    }
  }
}
