package dev.flattar.archive;

import dev.flattar.io.FileSlice;
import dev.flattar.io.TempFiles;
import dev.flattar.model.FlatTarException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Digest checks of uncompressed layers whose headers were read without hashing them, run on their
 * own threads while the output is written. Only for an output that appears when complete (a
 * temporary file renamed at the end): {@link #await} must return before it is kept, so a layer that
 * does not match its digest still leaves nothing behind. Hashing a layer while the new one is
 * written, instead of before, puts the two largest costs of a run on both cores at once.
 *
 * <p>It also holds, for the same run, the uncompressed streams of compressed layers, kept in
 * temporary files as they are scanned ({@link #spool}): the writer then reads them in place instead
 * of decompressing each layer a second time. They are deleted on {@link #close}.
 */
public final class DeferredDigests implements Closeable {
  private static final DeferredDigests NONE = new DeferredDigests(null, null);

  private final @Nullable ExecutorService pool;
  private final @Nullable Path spoolDir;
  private final List<Future<Void>> checks = new ArrayList<>();
  private final List<LayerSource> held = new ArrayList<>();
  private boolean scanned;
  private final List<Path> spools = new ArrayList<>();
  private final List<FileChannel> channels = new ArrayList<>();
  private boolean closed;

  private DeferredDigests(@Nullable ExecutorService pool, @Nullable Path spoolDir) {
    this.pool = pool;
    this.spoolDir = spoolDir;
  }

  /**
   * Checks run on {@code threads} threads of their own, and compressed layers are kept uncompressed
   * in temporary files in {@code spoolDir} while they are scanned.
   */
  public static DeferredDigests start(int threads, Path spoolDir) {
    return new DeferredDigests(Workers.pool(threads, "flat-tar-check"), spoolDir);
  }

  /**
   * None (every layer is checked before anything is written), but compressed layers are kept
   * uncompressed in temporary files in {@code spoolDir} while they are scanned.
   */
  public static DeferredDigests none(Path spoolDir) {
    return new DeferredDigests(null, spoolDir);
  }

  /** Whether compressed layers are kept uncompressed as they are scanned. */
  boolean spools() {
    return spoolDir != null;
  }

  /** A new temporary file for one layer's uncompressed stream, open for writing. */
  synchronized FileChannel spool() throws IOException {
    Path dir = spoolDir;
    if (dir == null) {
      throw new IllegalStateException("no spools in this run");
    }
    if (closed) {
      throw new IOException("the run was abandoned: no more layers are kept");
    }
    Path file = TempFiles.create(dir, "flat-tar-layer-", ".tar");
    spools.add(file);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channels.add(channel);
    return channel;
  }

  /** None: every layer is checked before anything is written. */
  public static DeferredDigests none() {
    return NONE;
  }

  /** Whether checks may be handed here. */
  boolean enabled() {
    return pool != null;
  }

  /**
   * Hashes the stored bytes of an uncompressed layer and checks them: at once if the scan lets
   * them, else once it does ({@link #scanned}). While every scan thread has a layer to read, the
   * scan keeps the cores busy by itself; what follows it (the merge, on one thread) leaves one
   * free.
   */
  synchronized void add(LayerSource source) {
    ExecutorService p = pool;
    if (p == null) {
      throw new IllegalStateException("no deferred checks in this run");
    }
    if (scanned) {
      submit(p, source);
    } else {
      held.add(source);
    }
  }

  /** Checks may start: a scan thread has no layer left to read (or the scan is over). */
  synchronized void scanned() {
    scanned = true;
    ExecutorService p = pool;
    if (p != null) {
      held.forEach(source -> submit(p, source));
    }
    held.clear();
  }

  private void submit(ExecutorService p, LayerSource source) {
    checks.add(
        p.submit(
            () -> {
              check(source);
              return null;
            }));
  }

  /** Waits for every check; the first layer that does not match is the error. */
  public void await() throws FlatTarException, IOException {
    scanned();
    List<Future<Void>> all;
    synchronized (this) {
      all = List.copyOf(checks);
    }
    for (Future<Void> check : all) {
      Workers.await(check);
    }
  }

  /** Stops checks still running (the output is being abandoned) and deletes the spools. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    synchronized (this) {
      closed = true;
      for (FileChannel c : channels) {
        try {
          c.close();
        } catch (IOException e) {
          // deleting it below is what matters
        }
      }
      spools.forEach(TempFiles::delete);
      channels.clear();
      spools.clear();
    }
  }

  private static void check(LayerSource source) throws FlatTarException, IOException {
    FileSlice stored = source.ref().data();
    LayerDigests.checkStoredAsIs(source.ref(), stored.sha256(), stored.length());
  }
}
