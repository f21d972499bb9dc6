package dev.flattar.archive;

import dev.flattar.io.HashingInputStream;
import dev.flattar.model.FlatTarException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Digest checks of uncompressed layers whose headers were read without hashing them, run on their
 * own threads while the output is written. Only for an output that appears when complete (a
 * temporary file renamed at the end): {@link #await} must return before it is kept, so a layer that
 * does not match its digest still leaves nothing behind. Hashing a layer while the new one is
 * written, instead of before, puts the two largest costs of a run on both cores at once.
 */
public final class DeferredDigests implements Closeable {
  private final ExecutorService pool;
  private final List<Future<Void>> checks = new ArrayList<>();

  private DeferredDigests(int threads) {
    pool = Executors.newFixedThreadPool(threads, LayerScanner.daemonThreads("flat-tar-check"));
  }

  public static DeferredDigests start(int threads) {
    return new DeferredDigests(Math.max(1, threads));
  }

  /** Starts hashing the stored bytes of an uncompressed layer and checking them. */
  synchronized void add(LayerRef ref) {
    checks.add(
        pool.submit(
            () -> {
              check(ref);
              return null;
            }));
  }

  /** Waits for every check; the first layer that does not match is the error. */
  public void await() throws FlatTarException, IOException {
    List<Future<Void>> all;
    synchronized (this) {
      all = List.copyOf(checks);
    }
    for (Future<Void> check : all) {
      LayerScanner.await(check);
    }
  }

  /** Stops checks still running (the output is being abandoned). */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static void check(LayerRef ref) throws FlatTarException, IOException {
    try (HashingInputStream content = new HashingInputStream(ref.data().open())) {
      content.drain();
      LayerScanner.checkStoredAsIs(ref, content.digest(), content.count());
    }
  }
}
