package dev.flattar.cli;

import dev.flattar.model.Progress;
import dev.flattar.model.Texts;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One line on a terminal's stderr, rewritten in place: phase, percentage, bytes, entries and the
 * time left. Shown only once a run has lasted a moment, redrawn at most a few times a second, and
 * erased at the end.
 */
final class TerminalProgress implements Progress {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream err;
  private final LongSupplier clock;
  private final long showAfterNanos;
  private final long start;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong entries = new AtomicLong();
  private volatile String phase = "";
  private volatile long total;
  private volatile long phaseStart;
  private long lastDraw;
  private boolean shown;

  TerminalProgress(PrintStream err, LongSupplier clock, long showAfterNanos) {
    this.err = err;
    this.clock = clock;
    this.showAfterNanos = showAfterNanos;
    this.start = clock.getAsLong();
    this.phaseStart = start;
  }

  static TerminalProgress on(PrintStream err) {
    return new TerminalProgress(err, System::nanoTime, 500_000_000L);
  }

  @Override
  public void phase(String name, long totalBytes) {
    phase = name;
    total = totalBytes;
    bytes.set(0);
    entries.set(0);
    phaseStart = clock.getAsLong();
    maybeDraw(true);
  }

  @Override
  public void bytes(long n) {
    bytes.addAndGet(n);
    maybeDraw(false);
  }

  @Override
  public void entries(long n) {
    entries.addAndGet(n);
  }

  @Override
  public synchronized void done() {
    if (shown) {
      err.print("\r" + " ".repeat(79) + "\r");
      err.flush();
      shown = false;
    }
  }

  private synchronized void maybeDraw(boolean force) {
    long now = clock.getAsLong();
    if (now - start < showAfterNanos || (!force && now - lastDraw < REDRAW_NANOS)) {
      return;
    }
    lastDraw = now;
    shown = true;
    err.print("\r" + line(now));
    err.flush();
  }

  /** For example: {@code writing 45% 630.0 MiB of 1.4 GiB, 120,000 entries, 3 s left}. */
  String line(long now) {
    long done = bytes.get();
    long t = total;
    int percent = t <= 0 ? 100 : (int) Math.min(100, done * 100 / t);
    String eta = "";
    double elapsed = (now - phaseStart) / 1e9;
    if (done > 0 && t > done && elapsed > 0.2) {
      long left = Math.round(elapsed * (t - done) / done);
      eta = ", " + left + " s left";
    }
    String text =
        String.format(
            "%-15s %3d%%  %s of %s, %,d entries%s",
            phase, percent, Texts.bytes(done), Texts.bytes(t), entries.get(), eta);
    return text.length() > 79 ? text.substring(0, 79) : text + " ".repeat(79 - text.length());
  }
}
