package dev.flattar.model;

/** Small helpers for messages. */
public final class Texts {
  private Texts() {}

  /** {@code count(1, "layer")} is "1 layer", {@code count(3, "layer")} is "3 layers". */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
