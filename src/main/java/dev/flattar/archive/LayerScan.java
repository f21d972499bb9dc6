package dev.flattar.archive;

import dev.flattar.io.Compression;
import dev.flattar.io.CorruptDataException;
import dev.flattar.io.HashingInputStream;
import dev.flattar.io.ProgressInputStream;
import dev.flattar.io.TeeToFile;
import dev.flattar.model.CorruptArchiveException;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.tar.TarEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Scans one layer: reads its headers and checks its digests the way {@link DigestCheck} says. */
final class LayerScan {
  private LayerScan() {}

  static ScannedLayer scan(LayerSource source, ScanSettings settings, ImageLimits limits)
      throws FlatTarException, IOException {
    LayerRef ref = source.ref();
    Digest spooled =
        source.compression() == Compression.NONE ? settings.spooled().of(ref.data()) : null;
    DigestCheck check =
        DigestCheck.choose(
            settings.verify(),
            source.compression(),
            spooled != null,
            settings.deferred().enabled(),
            ref.diffId() != null);
    try (InputStream stored = new ProgressInputStream(source.stored(), settings.progress())) {
      if (check == DigestCheck.HASHED) {
        return hashed(source, stored, settings, limits);
      }
      List<TarEntry> entries =
          LayerHeaders.read(
              source.skippable(stored), source.describe(), limits, settings.progress());
      return switch (check) {
        case SPOOLED -> {
          Digest known = Objects.requireNonNull(spooled); // SPOOLED is chosen only when known
          LayerDigests.checkStoredAsIs(ref, known, ref.data().length());
          yield new ScannedLayer(source, known, known, entries, ref.data().length());
        }
        case DEFERRED -> {
          settings.deferred().add(source);
          yield new ScannedLayer(source, ref.diffId(), ref.diffId(), entries, ref.data().length());
        }
        default ->
            new ScannedLayer(
                source,
                null,
                null,
                entries,
                source.compression() == Compression.NONE ? ref.data().length() : -1);
      };
    } catch (CorruptDataException e) {
      throw new CorruptArchiveException(source.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the headers through sha256 of every decompressed byte (the diff_id) and, when the stored
   * digest is claimed or asked for, of every stored byte too.
   */
  private static ScannedLayer hashed(
      LayerSource source, InputStream stored, ScanSettings settings, ImageLimits limits)
      throws FlatTarException, IOException {
    LayerRef ref = source.ref();
    boolean compressed = source.compression() != Compression.NONE;
    HashingInputStream blob =
        compressed && (ref.blobDigest() != null || settings.hashStored())
            ? new HashingInputStream(stored)
            : null;
    InputStream decoded = source.decode(blob != null ? blob : stored);
    // A compressed layer is kept uncompressed as it is read, so the writer need not decompress it
    // again (it is deleted at the end of the run, and trusted only once the checks below pass).
    TeeToFile tee =
        compressed && settings.deferred().spools()
            ? new TeeToFile(
                new BufferedInputStream(decoded, LayerSource.BUFFER), settings.deferred().spool())
            : null;
    HashingInputStream content = new HashingInputStream(tee != null ? tee : decoded);
    List<TarEntry> entries =
        LayerHeaders.read(content, source.describe(), limits, settings.progress());
    content.drain();
    LayerSource read = tee != null ? source.decodedInto(tee.kept()) : source;
    Digest diffId = content.digest();
    @Nullable Digest storedDigest = compressed ? null : diffId;
    if (blob != null) {
      blob.drain();
      storedDigest = blob.digest();
      if (ref.blobDigest() != null) {
        LayerDigests.checkBlob(ref, storedDigest, blob.count());
      }
      LayerDigests.checkDiffId(ref, diffId);
    } else {
      LayerDigests.checkStoredAsIs(ref, diffId, content.count());
    }
    return new ScannedLayer(read, diffId, storedDigest, entries, content.count());
  }
}
