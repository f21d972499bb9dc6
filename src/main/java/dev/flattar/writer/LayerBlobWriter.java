package dev.flattar.writer;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.flattar.merge.Plan;
import dev.flattar.model.Digest;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.Progress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Writes a plan as a layer blob: the tar stream, hashed for its diff_id on its own thread, then
 * optionally compressed (on worker threads) and hashed again as stored.
 */
public final class LayerBlobWriter {
  /** Compression threads: fixed, so that the bytes never depend on the machine. */
  private static final int COMPRESSION_THREADS = 2;

  private LayerBlobWriter() {}

  /** Writes the blob to {@code out} (not closed). */
  public static LayerBlob write(
      Plan plan,
      LayerStreams layers,
      OutputCompression compression,
      OutputStream out,
      Progress progress)
      throws IOException {
    if (compression.kind() == OutputCompression.Kind.NONE) {
      ParallelDigestOutputStream tar = new ParallelDigestOutputStream(out);
      try {
        LayerWriter.write(plan, layers, tar, progress);
        Digest diffId = tar.finish();
        return new LayerBlob(diffId, diffId, tar.count(), compression.mediaType());
      } finally {
        tar.abandon();
      }
    }
    StoredDigest stored = new StoredDigest(out);
    ParallelGzipOutputStream gzip = null;
    OutputStream compressor;
    if (compression.kind() == OutputCompression.Kind.GZIP) {
      gzip = new ParallelGzipOutputStream(stored, compression.level(), COMPRESSION_THREADS);
      compressor = gzip;
    } else {
      ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(new Unclosable(stored));
      zstd.setLevel(compression.level());
      zstd.setWorkers(COMPRESSION_THREADS);
      compressor = zstd;
    }
    ParallelDigestOutputStream tar = new ParallelDigestOutputStream(compressor);
    try {
      LayerWriter.write(plan, layers, tar, progress);
      Digest diffId = tar.finish();
      if (gzip != null) {
        gzip.finish();
      } else {
        compressor.close();
      }
      return new LayerBlob(diffId, Digest.of(stored.sha), stored.count, compression.mediaType());
    } finally {
      tar.abandon();
      if (gzip != null) {
        gzip.abandon();
      }
    }
  }

  /** Hashes and counts the stored (compressed) bytes on the writing thread. */
  private static final class StoredDigest extends FilterOutputStream {
    final MessageDigest sha = Digest.sha256();
    long count;

    StoredDigest(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush(); // the archive goes on after the layer
    }
  }

  /** Shields the archive stream from a compressor's close(). */
  private static final class Unclosable extends FilterOutputStream {
    Unclosable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
