package dev.flattar.io;

import dev.flattar.model.CorruptArchiveException;
import dev.flattar.model.FlatTarException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The input archive as a seekable, uncompressed tar file. A plain tar file is used in place (never
 * copied, never modified); stdin, and an archive compressed as a whole, are spooled once into a
 * temporary file, removed on close.
 */
public non-sealed class InputArchive implements InputSource {
  private final FileChannel channel;
  private final String label;
  private final @Nullable Path spool;
  private final Compression compression;
  private final SpoolDigests digests;

  private InputArchive(
      FileChannel channel,
      String label,
      @Nullable Path spool,
      Compression compression,
      SpoolDigests digests) {
    this.channel = channel;
    this.label = label;
    this.spool = spool;
    this.compression = compression;
    this.digests = digests;
  }

  /** A view of an archive file that is already open (not closed by this view). */
  public static InputArchive of(FileChannel channel, String label) {
    return new InputArchive(channel, label, null, Compression.NONE, SpoolDigests.none()) {
      @Override
      public void close() {}
    };
  }

  /** Opens a file, spooling it only if it is compressed as a whole. */
  public static InputArchive open(Path file, Path tempDir) throws FlatTarException, IOException {
    return open(file, file.toString(), tempDir);
  }

  /** Opens a file that messages call {@code label}, spooling it only if compressed as a whole. */
  public static InputArchive open(Path file, String label, Path tempDir)
      throws FlatTarException, IOException {
    if (Files.isDirectory(file)) {
      throw new FlatTarException("cannot read input '" + label + "': it is a directory");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new FlatTarException("cannot read input '" + label + "': no such file");
    } catch (IOException | SecurityException e) {
      throw new FlatTarException("cannot read input '" + label + "': " + e.getMessage());
    }
    try {
      ByteBuffer head = ByteBuffer.allocate(Compression.MAGIC_LENGTH);
      while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
        // fill the peek buffer
      }
      Compression compression = Compression.detect(head.array(), head.position());
      if (compression == Compression.NONE) {
        return new InputArchive(channel, label, null, compression, SpoolDigests.none());
      }
      try (InputStream in = new FileSlice(channel, 0, channel.size()).open()) {
        return spool(in, compression, label, tempDir);
      } finally {
        channel.close();
      }
    } catch (IOException | FlatTarException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Spools standard input (decompressing it if it is compressed as a whole). */
  public static InputArchive stdin(InputStream stdin, Path tempDir)
      throws FlatTarException, IOException {
    BufferedInputStream in = new BufferedInputStream(stdin, 1 << 16);
    return spool(in, Compression.detect(in), "stdin", tempDir);
  }

  private static InputArchive spool(
      InputStream raw, Compression compression, String label, Path tempDir)
      throws FlatTarException, IOException {
    Path spool = TempFiles.create(tempDir, "flat-tar-input-", ".tar");
    try {
      SpoolDigests digests;
      try (InputStream in = compression.decompress(raw);
          FileChannel out = FileChannel.open(spool, StandardOpenOption.WRITE)) {
        digests = SpoolDigests.copy(in, out);
      } catch (CorruptDataException e) {
        throw new CorruptArchiveException(label + ": " + e.getMessage(), e);
      }
      FileChannel channel = FileChannel.open(spool, StandardOpenOption.READ);
      return new InputArchive(channel, label, spool, compression, digests);
    } catch (IOException | FlatTarException | RuntimeException e) {
      TempFiles.delete(spool);
      throw e;
    }
  }

  public FileChannel channel() {
    return channel;
  }

  public long size() throws IOException {
    return channel.size();
  }

  /** What is known of the spool's member data: their digests, computed as it was written. */
  @Override
  public SpoolDigests digests() {
    return digests;
  }

  /** How the input names itself in messages: its path, or "stdin". */
  @Override
  public String label() {
    return label;
  }

  /** The compression of the archive as a whole (NONE for a plain tar). */
  public Compression compression() {
    return compression;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      if (spool != null) {
        TempFiles.delete(spool);
      }
    }
  }
}
