package dev.flattar.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waiting for the external commands tests run. */
public final class Processes {
  private Processes() {}

  /**
   * Waits for {@code p} to end; past {@code limit}, kills it and everything it started and fails
   * naming {@code command}.
   */
  public static void awaitOrKill(Process p, Duration limit, List<String> command)
      throws InterruptedException {
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "`" + String.join(" ", command) + "` did not finish within " + limit.toSeconds() + " s");
    }
  }
}
