package dev.flattar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: late to appear, rate-limited, informative, erased at the end. */
class TerminalProgressTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong();
  private final TerminalProgress progress =
      new TerminalProgress(
          new PrintStream(err, true, StandardCharsets.UTF_8), now::get, 500_000_000L);

  @Test
  void aShortRun_showsNothing() {
    progress.phase("reading layers", 1000);
    progress.bytes(1000);
    progress.done();

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aLongRun_showsPhasePercentBytesEntriesAndTimeLeft_thenErasesIt() {
    progress.phase("writing", 4L << 20);
    now.set(1_000_000_000L);
    progress.entries(1234);
    progress.bytes(1L << 20);

    String shown = err.toString(StandardCharsets.UTF_8);
    assertThat(shown)
        .startsWith("\r")
        .contains("writing")
        .contains(" 25%")
        .contains("1.0 MiB of 4.0 MiB")
        .contains("1,234 entries")
        .contains("3 s left");
    assertThat(shown.length()).isEqualTo(80);

    progress.done();
    assertThat(err.toString(StandardCharsets.UTF_8)).endsWith("\r" + " ".repeat(79) + "\r");
  }

  @Test
  void redraws_atMostFiveTimesASecond() {
    progress.phase("reading layers", 1000);
    now.set(1_000_000_000L);
    for (int i = 0; i < 100; i++) {
      progress.bytes(1);
      now.addAndGet(1_000_000L); // 100 updates over 0.1 s
    }

    assertThat(err.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\r').count())
        .isEqualTo(1);
  }
}
