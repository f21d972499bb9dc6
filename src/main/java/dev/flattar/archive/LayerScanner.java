package dev.flattar.archive;

import dev.flattar.io.Compression;
import dev.flattar.io.CorruptDataException;
import dev.flattar.io.HashingInputStream;
import dev.flattar.io.ProgressInputStream;
import dev.flattar.io.SkipByReading;
import dev.flattar.io.SpoolDigests;
import dev.flattar.model.CorruptArchiveException;
import dev.flattar.model.Digest;
import dev.flattar.model.DigestMismatchException;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Progress;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every layer once: all of its bytes go through sha256 (the diff_id check, and the blob
 * digest for OCI blobs), its tar headers are parsed, member data is hashed but not kept. Layers are
 * scanned in parallel; a layer stored twice in the archive is scanned once.
 */
public final class LayerScanner {
  private static final int BUFFER = 1 << 16;

  private LayerScanner() {}

  public static List<ScannedLayer> scan(List<LayerRef> layers, int threads)
      throws FlatTarException, IOException {
    return scan(layers, threads, false, Progress.NONE, null, SpoolDigests.none());
  }

  /**
   * Scans layers, each stored layer once.
   *
   * @param hashStored also compute the digest of each compressed layer's stored bytes when its
   *     image does not name it (to write it unchanged into an OCI layout)
   * @param deferred where to hand the digest checks of uncompressed layers whose image names their
   *     digest, whose headers are then read by seeking past their data; null to check every layer
   *     now
   * @param spooled digests of member data computed while the input was spooled: an uncompressed
   *     layer found there is checked at once, and its headers are read by seeking
   */
  public static List<ScannedLayer> scan(
      List<LayerRef> layers,
      int threads,
      boolean hashStored,
      Progress progress,
      DeferredDigests deferred,
      SpoolDigests spooled)
      throws FlatTarException, IOException {
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    long total = 0;
    for (LayerRef ref : layers) {
      total += distinct.add(ref.data().offset()) ? ref.data().length() : 0;
    }
    progress.phase("reading layers", total);
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, threads), daemonThreads("flat-tar-scan"));
    ImageLimits limits = ImageLimits.forThisJvm();
    try {
      Map<Long, Future<ScannedLayer>> byOffset = new HashMap<>();
      List<Future<ScannedLayer>> futures = new ArrayList<>();
      for (LayerRef ref : layers) {
        futures.add(
            byOffset.computeIfAbsent(
                ref.data().offset(),
                k ->
                    pool.submit(
                        () ->
                            scanOne(ref, true, hashStored, progress, limits, deferred, spooled))));
      }
      List<ScannedLayer> scanned = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        ScannedLayer s = await(futures.get(i));
        LayerRef ref = layers.get(i);
        scanned.add(
            s.ref() == ref
                ? s
                : new ScannedLayer(
                    ref, s.diffId(), s.storedDigest(), s.compression(), s.entries()));
        if (ref.diffId() != null && !ref.diffId().equals(s.diffId())) {
          throw mismatch(ref, s.diffId());
        }
      }
      limits.checkImage(scanned);
      return scanned;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Scans one layer and checks it against the digests its image claims. */
  public static ScannedLayer scanOne(LayerRef ref) throws FlatTarException, IOException {
    return scanOne(
        ref, true, false, Progress.NONE, ImageLimits.forThisJvm(), null, SpoolDigests.none());
  }

  /**
   * Reads only the headers of a layer: no digest is computed or checked, and the data of an
   * uncompressed layer is skipped by seeking (a compressed one must still be decompressed). The
   * result's diffId is null. For {@code inspect}.
   */
  public static ScannedLayer headersOnly(LayerRef ref) throws FlatTarException, IOException {
    return scanOne(
        ref, false, false, Progress.NONE, ImageLimits.forThisJvm(), null, SpoolDigests.none());
  }

  private static ScannedLayer scanOne(
      LayerRef ref,
      boolean verify,
      boolean hashStored,
      Progress progress,
      ImageLimits limits,
      DeferredDigests deferred,
      SpoolDigests spooled)
      throws FlatTarException, IOException {
    String where = ref.describe();
    byte[] head = new byte[Compression.MAGIC_LENGTH];
    int headLength;
    try (InputStream peek = ref.data().open()) {
      headLength = peek.readNBytes(head, 0, head.length);
    }
    Compression compression = Compression.detect(head, headLength);
    boolean plainToCheck = verify && compression == Compression.NONE;
    Digest known = plainToCheck ? spooled.of(ref.data()) : null;
    boolean defer = plainToCheck && known == null && deferred != null && ref.diffId() != null;
    boolean hashBlob =
        verify && (ref.blobDigest() != null || hashStored) && compression != Compression.NONE;
    try (InputStream raw = new ProgressInputStream(ref.data().open(), progress)) {
      HashingInputStream blob = hashBlob ? new HashingInputStream(raw) : null;
      InputStream stored = new BufferedInputStream(blob != null ? blob : raw, BUFFER);
      InputStream decoded = compression.decompress(stored);
      if (!verify || defer || known != null) {
        List<TarEntry> entries = new ArrayList<>();
        // Buffered: small members are read past in 64 KiB blocks, large ones skipped by seeking.
        TarReader reader =
            new TarReader(
                compression == Compression.NONE
                    ? new BufferedInputStream(raw, BUFFER)
                    : new SkipByReading(decoded),
                where);
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
          limits.countMember(where);
          entries.add(e);
          progress.entries(1);
        }
        if (known != null) {
          checkStoredAsIs(ref, known, ref.data().length());
          return new ScannedLayer(ref, known, known, compression, entries);
        }
        if (defer) {
          deferred.add(ref);
          return new ScannedLayer(ref, ref.diffId(), ref.diffId(), compression, entries);
        }
        return new ScannedLayer(ref, null, null, compression, entries);
      }
      HashingInputStream content = new HashingInputStream(decoded);
      List<TarEntry> entries = new ArrayList<>();
      TarReader reader = new TarReader(content, where);
      TarEntry e;
      while ((e = reader.next()) != null) {
        limits.countMember(where);
        entries.add(e);
        progress.entries(1);
      }
      content.drain();
      Digest diffId = content.digest();
      Digest storedDigest = compression == Compression.NONE ? diffId : null;
      if (blob != null) {
        blob.drain();
        storedDigest = blob.digest();
        if (ref.blobDigest() != null) {
          checkBlob(ref, storedDigest, blob.count());
        }
        checkDiffId(ref, diffId);
      } else {
        checkStoredAsIs(ref, diffId, content.count());
      }
      return new ScannedLayer(ref, diffId, storedDigest, compression, entries);
    } catch (CorruptDataException e) {
      throw new CorruptArchiveException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the bytes of a layer whose blob, if it has one, is stored uncompressed: their digest and
   * size against the descriptor's and their digest against the diff_id.
   */
  static void checkStoredAsIs(LayerRef ref, Digest digest, long size)
      throws DigestMismatchException {
    if (ref.blobDigest() != null) {
      checkBlob(ref, digest, size);
    }
    checkDiffId(ref, digest);
  }

  private static void checkDiffId(LayerRef ref, Digest diffId) throws DigestMismatchException {
    if (ref.diffId() != null && !ref.diffId().equals(diffId)) {
      throw mismatch(ref, diffId);
    }
  }

  private static void checkBlob(LayerRef ref, Digest actual, long size)
      throws DigestMismatchException {
    if (ref.blobSize() >= 0 && ref.blobSize() != size) {
      throw new DigestMismatchException(
          ref.describe() + " is " + size + " bytes but its descriptor says " + ref.blobSize());
    }
    if (!ref.blobDigest().equals(actual)) {
      throw new DigestMismatchException(
          ref.describe()
              + " does not match its blob digest: expected "
              + ref.blobDigest()
              + ", content is "
              + actual);
    }
  }

  private static DigestMismatchException mismatch(LayerRef ref, Digest actual) {
    return new DigestMismatchException(
        ref.describe()
            + " does not match its diff_id: the config says "
            + ref.diffId()
            + ", the content is "
            + actual);
  }

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

  /** Daemon threads named {@code name}: an abandoned pool never keeps the JVM alive. */
  static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
