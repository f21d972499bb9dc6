package dev.flattar.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Compressed data that cannot be decoded (as opposed to a failure to read the file). */
public final class CorruptDataException extends IOException {
  private static final long serialVersionUID = 1L;

  CorruptDataException(String format, IOException cause) {
    super(
        (cause instanceof java.io.EOFException
                ? "truncated " + format + " data"
                : "corrupt " + format + " data")
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        cause);
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
