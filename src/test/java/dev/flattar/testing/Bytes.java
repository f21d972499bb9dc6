package dev.flattar.testing;

/** Byte-array helpers for tests that cut and patch archives. */
public final class Bytes {
  private Bytes() {}

  /** The first position of {@code needle} in {@code haystack}; fails if it is not there. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}
