package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** EXPOSE port specs and STOPSIGNAL values: what Docker accepts, and how it writes them. */
class PortsAndSignalsTest {
  @ParameterizedTest(name = "{0} exposes {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "80 | 80/tcp",
        "80/udp | 80/udp",
        "53/UDP | 53/udp",
        "80/ | 80/tcp",
        "132/sctp | 132/sctp",
        "080 | 80/tcp",
        "0 | 0/tcp",
        "65535 | 65535/tcp",
        "8000-8002 | 8000/tcp 8001/tcp 8002/tcp",
        "7-7/udp | 7/udp"
      })
  void parse_givesTheExposedPortsKeys(String spec, String keys) {
    List<String> expected =
        spec.equals("8000-8002")
            ? List.of("8000/tcp", "8001/tcp", "8002/tcp")
            : List.of(keys.split(","));
    assertThat(Ports.parse(spec)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "99999 | port 99999 is out of range (0 to 65535)",
        "65536 | port 65536 is out of range (0 to 65535)",
        "+80 | '+80' is not a port number",
        "http | 'http' is not a port number",
        "80/xyz | unknown protocol 'xyz' (tcp, udp or sctp)",
        "/tcp | '/tcp' names no port",
        "80- | '' is not a port number",
        "8000-7000 | '8000-7000' ends before it starts",
        "1-2-3 | '1-2-3' is not PORT or START-END",
        "80/tcp/x | '80/tcp/x' is not PORT[/PROTOCOL]",
        "8080:80 | '8080:80' has a host part; an image exposes container ports only",
        "127.0.0.1:8080:80 | '127.0.0.1:8080:80' has a host part; an image exposes container ports only",
        "'' | '' names no port"
      })
  void parse_refusesWithTheReason(String spec, String message) {
    assertThatThrownBy(() -> Ports.parse(spec)).hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SIGTERM",
        "TERM",
        "sigterm",
        "term",
        "SIGKILL",
        "SIGRTMIN+3",
        "RTMAX-14",
        "SIGRTMAX",
        "SIGIOT",
        "SIGCLD",
        "SIGPOLL",
        "9",
        "15",
        "-5",
        "+3",
        "100",
        "9223372036854775807"
      })
  void signal_acceptsWhatDockerAccepts(String signal) {
    assertThatCode(() -> Signals.check(signal)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "00",
        "-0",
        "SIGFOO",
        "SIG",
        "",
        "SIGRTMIN+16",
        "RTMAX-15",
        "RTMAX-0",
        "SIGSIGTERM",
        "9223372036854775808",
        "1.5",
        " 9"
      })
  void signal_refusesWhatDockerRefuses(String signal) {
    assertThatThrownBy(() -> Signals.check(signal)).isInstanceOf(IllegalArgumentException.class);
  }
}
