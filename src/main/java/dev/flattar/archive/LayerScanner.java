package dev.flattar.archive;

import dev.flattar.io.FileSlice;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the layers of one or more images, in parallel, each stored layer once (an image may list a
 * layer twice, images may share one), and checks them against the digests their images claim. How
 * each layer is read and checked is {@link LayerScan}'s business.
 */
public final class LayerScanner {
  private LayerScanner() {}

  /** Scans {@code layers}; the result has one entry per listed layer, in order. */
  public static List<ScannedLayer> scan(List<LayerRef> layers, ScanSettings settings)
      throws FlatTarException, IOException {
    Set<FileSlice> distinct = new HashSet<>();
    long total = 0;
    for (LayerRef ref : layers) {
      total += distinct.add(ref.data()) ? ref.data().length() : 0;
    }
    settings.progress().phase("reading layers", total);
    ExecutorService pool = Workers.pool(settings.threads(), "flat-tar-scan");
    ImageLimits limits = ImageLimits.forThisJvm();
    try {
      Map<FileSlice, Future<ScannedLayer>> byData = new HashMap<>();
      List<Future<ScannedLayer>> futures = new ArrayList<>();
      // Deferred digest checks wait while every scan thread has a layer to read (the scan alone
      // keeps the cores busy); they start once one has none left.
      AtomicInteger unscanned = new AtomicInteger(distinct.size());
      Runnable scannedOne =
          () -> {
            if (unscanned.decrementAndGet() < settings.threads()) {
              settings.deferred().scanned();
            }
          };
      if (distinct.size() < settings.threads()) {
        settings.deferred().scanned();
      }
      for (LayerRef ref : layers) {
        futures.add(
            byData.computeIfAbsent(
                ref.data(),
                k ->
                    pool.submit(
                        () -> {
                          try {
                            return LayerScan.scan(LayerSource.open(ref), settings, limits);
                          } finally {
                            scannedOne.run();
                          }
                        })));
      }
      List<ScannedLayer> scanned = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        LayerRef ref = layers.get(i);
        ScannedLayer s = Workers.await(futures.get(i)).as(ref);
        Digest diffId = s.diffId();
        if (settings.verify() && diffId != null) {
          LayerDigests.checkDiffId(ref, diffId); // a listing that claims another diff_id
        }
        scanned.add(s);
      }
      limits.checkImage(scanned);
      return scanned;
    } finally {
      Workers.stop(pool);
    }
  }

  /** Scans one layer and checks it against the digests its image claims. */
  public static ScannedLayer scanOne(LayerRef ref) throws FlatTarException, IOException {
    return scan(List.of(ref), ScanSettings.checkingNow(1)).get(0);
  }

  /**
   * Reads only the headers of a layer: no digest is computed or checked, and the data of an
   * uncompressed layer is skipped by seeking (a compressed one must still be decompressed). The
   * result's diffId is null. For {@code inspect}.
   */
  public static ScannedLayer headersOnly(LayerRef ref) throws FlatTarException, IOException {
    return LayerScan.scan(
        LayerSource.open(ref), ScanSettings.headersOnly(), ImageLimits.forThisJvm());
  }
}
