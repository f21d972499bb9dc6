package dev.flattar.archive;

import dev.flattar.io.Compression;
import dev.flattar.io.FileSlice;
import dev.flattar.io.SkipByReading;
import dev.flattar.model.Digest;
import dev.flattar.model.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A stored layer that can be opened again and again, each time from its start: its bytes as stored
 * and its uncompressed tar stream (go-containerregistry's {@code v1.Layer}). The scanner, the
 * writer, {@code --verify} and {@code inspect} all read layers through this.
 *
 * @param compression as its first bytes say (never its name)
 * @param decoded the uncompressed tar stream of a compressed layer, kept in a temporary file as it
 *     was scanned (so it is decompressed once), or null
 */
public record LayerSource(LayerRef ref, Compression compression, @Nullable FileSlice decoded) {
  /** Reads are gathered into blocks of this size; larger skips and reads go past the buffer. */
  static final int BUFFER = 1 << 16;

  /** The layer at {@code ref}, its compression recognised from its first bytes. */
  public static LayerSource open(LayerRef ref) throws IOException {
    byte[] head = new byte[Compression.MAGIC_LENGTH];
    int length;
    try (InputStream peek = ref.data().open()) {
      length = peek.readNBytes(head, 0, head.length);
    }
    return new LayerSource(ref, Compression.detect(head, length), null);
  }

  /** This layer, whose uncompressed stream is also kept in {@code decoded}. */
  LayerSource decodedInto(FileSlice decoded) {
    return new LayerSource(ref, compression, decoded);
  }

  /** The bytes as the archive stores them. */
  public InputStream stored() {
    return ref.data().open();
  }

  /**
   * The uncompressed tar stream, buffered; skipping is a seek for an uncompressed layer (or one
   * whose stream was kept while it was scanned) and a read in large blocks for a compressed one.
   */
  public InputStream uncompressed() throws IOException {
    FileSlice kept = decoded;
    if (kept != null) {
      return new BufferedInputStream(kept.open(), BUFFER);
    }
    return skippable(stored());
  }

  /** {@link #uncompressed} over {@code stored}, a stream of this layer's stored bytes. */
  InputStream skippable(InputStream stored) throws IOException {
    if (compression == Compression.NONE) {
      return new BufferedInputStream(stored, BUFFER);
    }
    return new SkipByReading(decode(stored));
  }

  /** {@code stored}, a stream of this layer's stored bytes, uncompressed (every byte read). */
  InputStream decode(InputStream stored) throws IOException {
    return compression.decompress(new BufferedInputStream(stored, BUFFER));
  }

  /** The stored size in bytes. */
  public long size() {
    return ref.data().length();
  }

  /** The digest of the stored bytes that the image claims, or null. */
  public @Nullable Digest digest() {
    return ref.blobDigest();
  }

  /**
   * The OCI media type of the stored bytes, or null for a compression an OCI layout cannot describe
   * (bzip2, xz).
   */
  public @Nullable String mediaType() {
    return switch (compression) {
      case NONE -> MediaTypes.OCI_LAYER;
      case GZIP -> MediaTypes.OCI_LAYER_GZIP;
      case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
      case BZIP2, XZ -> null;
    };
  }

  /** How errors name the layer. */
  public String describe() {
    return ref.describe();
  }
}
