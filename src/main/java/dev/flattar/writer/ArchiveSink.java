package dev.flattar.writer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * Where an archive's bytes go: a buffered stream that counts its position, and, when the target is
 * a file, a way to rewrite bytes already written (a member header whose name or size depends on the
 * data that followed it).
 */
public final class ArchiveSink {
  private static final int BUFFER = 1 << 20;

  private final @Nullable FileChannel channel;
  private final OutputStream buffered;
  private final OutputStream counting;
  private long position;

  private ArchiveSink(@Nullable FileChannel channel, OutputStream out) {
    this.channel = channel;
    this.buffered = new BufferedOutputStream(out, BUFFER);
    this.counting =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            buffered.write(b);
            position++;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            buffered.write(b, off, len);
            position += len;
          }

          @Override
          public void flush() throws IOException {
            buffered.flush();
          }
        };
  }

  /** A sink over a file, written from its current position; can patch. */
  public static ArchiveSink of(FileChannel channel) {
    return new ArchiveSink(channel, Channels.newOutputStream(channel));
  }

  /** A sink over a stream (a pipe, stdout); cannot patch. The stream is not closed. */
  public static ArchiveSink of(OutputStream out) {
    return new ArchiveSink(null, out);
  }

  public OutputStream stream() {
    return counting;
  }

  /** Bytes written so far. */
  public long position() {
    return position;
  }

  public boolean seekable() {
    return channel != null;
  }

  /** Overwrites {@code bytes} at {@code at}, which must already have been written. */
  public void patch(long at, byte[] bytes) throws IOException {
    if (channel == null) {
      throw new IllegalStateException("cannot patch a stream");
    }
    buffered.flush();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long where = at;
    while (buffer.hasRemaining()) {
      where += channel.write(buffer, where);
    }
  }

  /** Drops every byte written from {@code at} on (which must already have been written). */
  public void rewind(long at) throws IOException {
    FileChannel file = channel;
    if (file == null) {
      throw new IllegalStateException("cannot rewind a stream");
    }
    buffered.flush();
    file.truncate(at);
    file.position(at);
    position = at;
  }

  public void flush() throws IOException {
    buffered.flush();
  }
}
