package dev.flattar.model;

/**
 * Receives how far a long job is: phases with a known total of bytes, and the bytes and entries
 * done in each. Calls may come from several threads.
 */
public interface Progress {
  /** Ignores everything. */
  Progress NONE =
      new Progress() {
        @Override
        public void phase(String name, long totalBytes) {}

        @Override
        public void bytes(long n) {}

        @Override
        public void entries(long n) {}

        @Override
        public void done() {}
      };

  /** A new phase ("reading layers", "writing") of {@code totalBytes} bytes begins. */
  void phase(String name, long totalBytes);

  void bytes(long n);

  void entries(long n);

  /** The job is over (successfully or not): clear whatever is shown. */
  void done();
}
