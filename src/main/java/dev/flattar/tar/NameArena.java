package dev.flattar.tar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The names and link targets of a layer's members, as bytes in chunks of {@link #CHUNK}: appended
 * without copying what is there, each string addressed by where it ends. A chunk is never filled to
 * its last byte, so where a string ends always tells its chunk.
 */
final class NameArena {
  /** Larger than a name and a link target together (each at most 64 KiB). */
  private static final int CHUNK = 1 << 20;

  private byte[][] chunks = new byte[1][256];
  private int size;

  /** Makes sure the current chunk holds {@code n} more bytes, starting a new one if not. */
  void makeRoom(int n) {
    int t = size / CHUNK;
    int at = size % CHUNK;
    if (at + n >= CHUNK) {
      if (t + 1 == Integer.MAX_VALUE / CHUNK) {
        throw new IllegalStateException(
            "a layer's names and link targets exceed " + (long) t * CHUNK + " bytes");
      }
      chunks[t] = Arrays.copyOf(chunks[t], at);
      t++;
      if (t == chunks.length) {
        chunks = Arrays.copyOf(chunks, t * 2);
      }
      chunks[t] = new byte[Math.max(256, Integer.highestOneBit(Math.max(1, n)) * 2)];
      size = t * CHUNK;
      at = 0;
    }
    if (at + n > chunks[t].length) {
      chunks[t] = Arrays.copyOf(chunks[t], Math.min(CHUNK, Math.max(chunks[t].length * 2, at + n)));
    }
  }

  /** Appends a Latin-1 carrier string (one char per byte, see TarEntry); returns where it ends. */
  int put(String s) {
    int n = s.length();
    byte[] chunk = chunks[size / CHUNK];
    int at = size % CHUNK;
    for (int k = 0; k < n; k++) {
      chunk[at + k] = (byte) s.charAt(k);
    }
    size += n;
    return size;
  }

  /**
   * Where the string that ends at {@code end} begins, when the one before it ended at {@code
   * previousEnd}: there, unless the string began a new chunk.
   */
  static int startBefore(int previousEnd, int end) {
    return previousEnd / CHUNK == end / CHUNK ? previousEnd : end / CHUNK * CHUNK;
  }

  /** The bytes from {@code start} to {@code end}, as a Latin-1 carrier string. */
  String string(int start, int end) {
    return start == end
        ? ""
        : new String(
            chunks[start / CHUNK], start % CHUNK, end - start, StandardCharsets.ISO_8859_1);
  }

  /** Gives back the room the last chunk had to spare. */
  void seal() {
    int t = size / CHUNK;
    chunks[t] = Arrays.copyOf(chunks[t], size % CHUNK);
  }
}
