package dev.flattar.merge;

/** Receives each decision of the merge, for --verbose. */
@FunctionalInterface
public interface MergeLog {
  MergeLog NONE = (path, decision) -> {};

  /**
   * Hears one decision.
   *
   * @param path the path decided on, in the Latin-1 carrier form
   */
  void decision(String path, String decision);
}
