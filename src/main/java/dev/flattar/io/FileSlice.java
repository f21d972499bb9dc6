package dev.flattar.io;

import dev.flattar.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * A byte range of an open file that can be read any number of times, each reader with its own
 * position (positional reads, so readers on different threads do not interfere). Skipping is a
 * seek.
 */
public record FileSlice(FileChannel channel, long offset, long length) {
  private static final String CHANGED = "file ended early: the input changed while it was read";

  /** The file is mapped this much at a time, each window released before the next. */
  private static final long WINDOW = 8 << 20;

  /**
   * The sha256 of the whole slice. Hashed straight from the page cache through a mapping of the
   * file, a window at a time: read calls would copy every byte once more first (about 15% of the
   * time it takes). Where mappings cannot be released at once, it reads instead.
   */
  public Digest sha256() throws IOException {
    return sha256(Unmapping.available(), WINDOW);
  }

  /** As {@link #sha256()}: through mappings of {@code window} bytes, or read. */
  Digest sha256(boolean map, long window) throws IOException {
    if (!map) {
      try (HashingInputStream in = new HashingInputStream(open())) {
        in.drain();
        return in.digest();
      }
    }
    MessageDigest sha = Digest.sha256();
    long end = offset + length;
    if (channel.size() < end) {
      throw new IOException(CHANGED);
    }
    try {
      for (long at = offset; at < end; at += window) {
        MappedByteBuffer mapped =
            channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(window, end - at));
        try {
          sha.update(mapped);
        } finally {
          Unmapping.unmap(mapped);
        }
      }
      return Digest.of(sha);
    } catch (InternalError e) {
      // What reading a mapped page that is gone (the file was cut short) throws; it can surface a
      // little after the read that failed, so the whole loop is inside.
      throw new IOException(CHANGED, e);
    }
  }

  public InputStream open() {
    return new SliceStream();
  }

  /** Reads the whole slice into memory; for small members such as JSON documents. */
  public byte[] readAll() throws IOException {
    if (length > Integer.MAX_VALUE - 16) {
      throw new IOException("member of " + length + " bytes is too large to read into memory");
    }
    byte[] bytes = new byte[(int) length];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long at = offset;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException(CHANGED);
      }
      at += n;
    }
    return bytes;
  }

  private final class SliceStream extends BlockInputStream {
    private long position;

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      long remaining = length - position;
      if (remaining <= 0) {
        return -1;
      }
      int want = (int) Math.min(len, remaining);
      int n = channel.read(ByteBuffer.wrap(b, off, want), offset + position);
      if (n < 0) {
        throw new IOException(CHANGED);
      }
      position += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long step = Math.max(0, Math.min(n, length - position));
      position += step;
      return step;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, length - position);
    }
  }

  // equals and hashCode written out: a record's generated ones are linked on first use through
  // method handles (ObjectMethods), which costs milliseconds of start-up; these run on every start.
  @Override
  public boolean equals(Object o) {
    return o instanceof FileSlice s
        && s.channel == channel
        && s.offset == offset
        && s.length == length;
  }

  @Override
  public int hashCode() {
    return (System.identityHashCode(channel) * 31 + Long.hashCode(offset)) * 31
        + Long.hashCode(length);
  }
}
