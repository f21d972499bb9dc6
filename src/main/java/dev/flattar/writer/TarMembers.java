package dev.flattar.writer;

import dev.flattar.io.TempFiles;
import dev.flattar.tar.TarHeaderEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the members of the output archive: plain files with fixed metadata, each name once. A
 * member whose name or size is known only after its bytes are produced (an OCI blob named by its
 * digest, a compressed layer) gets a placeholder header that is rewritten in place when the output
 * is a file, or is spooled once to a temporary file when the output is a stream; the bytes are the
 * same either way.
 */
final class TarMembers implements Members {
  private static final byte[] ZEROS = new byte[1024];

  private final ArchiveSink sink;
  private final Path tempDir;
  private final Set<String> written = new HashSet<>();

  TarMembers(ArchiveSink sink, Path tempDir) {
    this.sink = sink;
    this.tempDir = tempDir;
  }

  @Override
  public boolean has(String name) {
    return written.contains(name);
  }

  @Override
  public void file(String name, byte[] bytes) throws IOException {
    claim(name);
    OutputStream out = sink.stream();
    out.write(TarHeaderEncoder.member(name, bytes.length));
    out.write(bytes);
    pad(out, bytes.length);
  }

  @Override
  public <R extends Produced> R known(String name, long size, Producer<R> producer)
      throws IOException {
    claim(name);
    OutputStream out = sink.stream();
    out.write(TarHeaderEncoder.member(name, size));
    R result = producer.write(out);
    if (result.size() != size) {
      throw new IllegalStateException(
          "member " + name + ": wrote " + result.size() + " bytes, planned " + size);
    }
    pad(out, size);
    return result;
  }

  @Override
  public <R extends Produced> R named(Function<R, String> nameOf, Producer<R> producer)
      throws IOException {
    return sink.seekable() ? patched(nameOf, producer) : spooled(nameOf, producer);
  }

  @Override
  public void finish() throws IOException {
    sink.stream().write(ZEROS);
    sink.flush();
  }

  private <R extends Produced> R patched(Function<R, String> nameOf, Producer<R> producer)
      throws IOException {
    long headerAt = sink.position();
    OutputStream out = sink.stream();
    out.write(new byte[512]);
    R result = producer.write(out);
    pad(out, result.size());
    String name = nameOf.apply(result);
    if (has(name)) {
      sink.rewind(headerAt);
      return result;
    }
    claim(name);
    sink.patch(headerAt, TarHeaderEncoder.member(name, result.size()));
    return result;
  }

  private <R extends Produced> R spooled(Function<R, String> nameOf, Producer<R> producer)
      throws IOException {
    Path spool = TempFiles.create(tempDir, "flat-tar-layer-", ".spool");
    try {
      R result;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 20)) {
        result = producer.write(out);
      }
      String name = nameOf.apply(result);
      if (has(name)) {
        return result;
      }
      claim(name);
      OutputStream out = sink.stream();
      out.write(TarHeaderEncoder.member(name, result.size()));
      try (InputStream in = Files.newInputStream(spool)) {
        in.transferTo(out);
      }
      pad(out, result.size());
      return result;
    } finally {
      TempFiles.delete(spool);
    }
  }

  private void claim(String name) {
    if (!written.add(name)) {
      throw new IllegalStateException("member written twice: " + name);
    }
  }

  private static void pad(OutputStream out, long size) throws IOException {
    out.write(ZEROS, 0, (int) (-size & 511));
  }
}
