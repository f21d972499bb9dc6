package dev.flattar.model;

/** Where flat-tar tells its user what it noticed: warnings, and with --verbose, decisions. */
public interface Reporter {
  /** A Reporter that discards everything. */
  Reporter SILENT =
      new Reporter() {
        @Override
        public void warn(String message) {}

        @Override
        public void verbose(String message) {}
      };

  /** What happened, when it is worth a line (an image copied unchanged); silenced by --quiet. */
  default void info(String message) {}

  /** Something the user should know although the job succeeds (a tag that had to be dropped). */
  void warn(String message);

  /** A decision worth seeing when asked for (--verbose). */
  void verbose(String message);

  /** Whether {@link #verbose} messages are shown, so callers can skip building them. */
  default boolean isVerbose() {
    return false;
  }
}
