package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go's duration syntax. The nanoseconds and errors are what Docker Engine 20.10 wrote for {@code
 * docker import --change 'HEALTHCHECK --interval=TEXT CMD x'} (fractions computed in float64 as Go
 * does, so 3.000000000001h is 3 ns over 3h).
 */
class GoDurationTest {
  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "1.5s, 1500000000",
    "1m30s, 90000000000",
    "500ms, 500000000",
    "1h, 3600000000000",
    "0.3333333333s, 333333333",
    "1.0000000001s, 1000000000",
    "2h45m, 9900000000000",
    ".5s, 500000000",
    "5.s, 5000000000",
    "1.5h, 5400000000000",
    "1001us, 1001000",
    "0.001s, 1000000",
    "+2s, 2000000000",
    "1h1m1.5s, 3661500000000",
    "3.000000000001h, 10800000000003",
    "0.1234567891234m, 7407407347",
    "9223372036s, 9223372036000000000",
    "2562047h, 9223369200000000000",
    "1s2s, 3000000000",
    // Go's other spellings of microseconds, and zero (Docker's --change could not carry these)
    "1001\u00b5s, 1001000",
    "1001\u03bcs, 1001000",
    "0, 0",
    "7ns, 7"
  })
  void parse_givesGosNanoseconds(String text, long nanos) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1e3s | time: unknown unit \"e\" in duration \"1e3s\"",
        "10 | time: missing unit in duration \"10\"",
        "1.s.5 | time: missing unit in duration \"1.s.5\"",
        "9223372037s | time: invalid duration \"9223372037s\"",
        "2562048h | time: invalid duration \"2562048h\"",
        ".s | time: invalid duration \".s\"",
        "1S | time: unknown unit \"S\" in duration \"1S\"",
        "'' | time: invalid duration \"\"",
        "- | time: invalid duration \"-\"",
        "s | time: invalid duration \"s\""
      })
  void parse_refusesWhatGoRefuses(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parse(text)).hasMessage(message);
  }

  @ParameterizedTest(name = "{0} ns is {1}")
  @CsvSource({
    "1000000, 1ms",
    "1500000, 1.5ms",
    "500000000, 500ms",
    "1000000000, 1s",
    "1500000000, 1.5s",
    "90000000000, 1m30s",
    "3600000000000, 1h0m0s",
    "3661500000000, 1h1m1.5s",
    "10800000000003, 3h0m0.000000003s",
    "1001000, 1.001ms"
  })
  void format_writesWhatGoWrites(long nanos, String text) {
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }
}
