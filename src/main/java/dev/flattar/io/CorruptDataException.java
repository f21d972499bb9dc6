package dev.flattar.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Compressed data that cannot be decoded (as opposed to a failure to read the file). */
public final class CorruptDataException extends IOException {
  private static final long serialVersionUID = 1L;

  CorruptDataException(String format, IOException cause) {
    super(
        (isTruncation(cause) ? "truncated " + format + " data" : "corrupt " + format + " data")
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        cause);
  }

  /**
   * Whether the decoder met the end of its input too early. GZIP and xz say so with an
   * EOFException; zstd-jni ("Truncated source") and commons-compress bzip2 ("Unexpected end of
   * stream") with a plain IOException.
   */
  static boolean isTruncation(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return e instanceof EOFException
        || message.contains("truncated")
        || message.contains("unexpected end");
  }

  /** Re-labels the decoder's exceptions. */
  static final class Guard extends FilterInputStream {
    private final String format;

    Guard(InputStream in, String format) {
      super(in);
      this.format = format;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (CorruptDataException e) {
        throw e;
      } catch (IOException e) {
        throw new CorruptDataException(format, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (CorruptDataException e) {
        throw e;
      } catch (IOException e) {
        throw new CorruptDataException(format, e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (CorruptDataException e) {
        throw e;
      } catch (IOException e) {
        throw new CorruptDataException(format, e);
      }
    }
  }
}
