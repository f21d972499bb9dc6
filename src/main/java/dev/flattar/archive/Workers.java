package dev.flattar.archive;

import dev.flattar.model.FlatTarException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The archive package's thread pools: daemon threads, and their failures rethrown as they were. */
final class Workers {
  private Workers() {}

  /** A pool of daemon threads named {@code name}: an abandoned pool never keeps the JVM alive. */
  static ExecutorService pool(int threads, String name) {
    return Executors.newFixedThreadPool(
        Math.max(1, threads),
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Stops the pool's tasks and waits until none runs: a scan abandoned after another layer failed
   * must not go on (and make temporary files) after the run has cleaned up.
   */
  static void stop(ExecutorService pool) {
    pool.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true; // still wait: the tasks were told to stop and do so at their next read
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The task's result, or the exception it threw, as it threw it. */
  static <T> T await(Future<T> future) throws FlatTarException, IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof FlatTarException f) {
        throw f;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
