package dev.flattar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.FlattenOptions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line names every API option it sets, and each spelling once. */
class FlagTest {
  @Test
  void everyApiOption_hasACommandLineName() {
    Set<FlattenOptions.Option> notOnTheCommandLine = EnumSet.of(FlattenOptions.Option.THREADS);
    for (FlattenOptions.Option option : FlattenOptions.Option.values()) {
      if (!notOnTheCommandLine.contains(option)) {
        assertThat(Flag.nameOf(option)).as(option.name()).contains("-");
      }
    }
  }

  @Test
  void everySpelling_isUsedOnce() {
    Set<String> seen = new HashSet<>();
    for (Flag flag : Flag.values()) {
      for (String spelling : flag.spellings()) {
        assertThat(seen.add(spelling)).as(spelling).isTrue();
      }
    }
  }
}
