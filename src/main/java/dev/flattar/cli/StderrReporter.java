package dev.flattar.cli;

import dev.flattar.model.Reporter;
import java.io.PrintStream;

/** Messages on stderr, each prefixed with the tool's name. */
final class StderrReporter implements Reporter {
  private final PrintStream err;
  private final boolean verbose;
  private final boolean quiet;

  StderrReporter(PrintStream err, boolean verbose, boolean quiet) {
    this.err = err;
    this.verbose = verbose;
    this.quiet = quiet;
  }

  @Override
  public void warn(String message) {
    if (!quiet) {
      err.println("flat-tar: warning: " + message);
    }
  }

  @Override
  public void info(String message) {
    if (!quiet) {
      err.println("flat-tar: " + message);
    }
  }

  @Override
  public void verbose(String message) {
    if (verbose) {
      err.println("flat-tar: " + message);
    }
  }

  @Override
  public boolean isVerbose() {
    return verbose;
  }
}
