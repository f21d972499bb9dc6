package dev.flattar.archive;

import dev.flattar.io.HashingInputStream;
import dev.flattar.model.FlatTarException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
 */
public final class DeferredDigests implements Closeable {
  private static final DeferredDigests NONE = new DeferredDigests(null);

  private final @Nullable ExecutorService pool;
  private final List<Future<Void>> checks = new ArrayList<>();

  private DeferredDigests(@Nullable ExecutorService pool) {
    this.pool = pool;
  }

  /** Checks run on {@code threads} threads of their own. */
  public static DeferredDigests start(int threads) {
    return new DeferredDigests(Workers.pool(threads, "flat-tar-check"));
  }

  /** None: every layer is checked before anything is written. */
  public static DeferredDigests none() {
    return NONE;
  }

  /** Whether checks may be handed here. */
  boolean enabled() {
    return pool != null;
  }

  /** Starts hashing the stored bytes of an uncompressed layer and checking them. */
  synchronized void add(LayerSource source) {
    if (pool == null) {
      throw new IllegalStateException("no deferred checks in this run");
    }
    checks.add(
        pool.submit(
            () -> {
              check(source);
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
      Workers.await(check);
    }
  }

  /** Stops checks still running (the output is being abandoned). */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static void check(LayerSource source) throws FlatTarException, IOException {
    try (InputStream stored = source.stored();
        HashingInputStream content = new HashingInputStream(stored)) {
      content.drain();
      LayerDigests.checkStoredAsIs(source.ref(), content.digest(), content.count());
    }
  }
}
