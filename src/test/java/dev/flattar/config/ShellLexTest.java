package dev.flattar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Docker's quote, escape and variable processing of one word (the rows marked so were checked
 * against Engine 20.10 in {@link DockerObservationsTest}'s table as well).
 */
class ShellLexTest {
  static final Map<String, String> ENV =
      Map.of("A", "1", "HOME", "/home/app", "EMPTY", "", "P", "80 443");

  @ParameterizedTest(name = "[{0}] is [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "abc | abc",
        "\"a b\" | a b",
        "'a b' | a b",
        "a\\ b | a b",
        "a\\\\b | a\\b",
        "\"x\\\"y\" | x\"y",
        "'x\\y' | x\\y",
        "\"a\\b\" | a\\b",
        "\"a\"b'c' | abc",
        "a\\ | a",
        "$A | 1",
        "${A} | 1",
        "$HOME-x | /home/app-x",
        "$HOMEx | ",
        "${HOME}x | /home/appx",
        "$ | $",
        "a$ | a$",
        "$1 | ",
        "$@ | ",
        "$$ | ",
        "\\$A | $A",
        "'$A' | $A",
        "\"$A\" | 1",
        "\"\\$A\" | $A",
        "${NOPE:-def} | def",
        "${A:-def} | 1",
        "${EMPTY:-def} | def",
        "${A:+alt} | alt",
        "${NOPE:+alt} | ",
        "${EMPTY:+alt} | ",
        "${A?msg} | 1",
        "${EMPTY?msg} | ",
        "${NOPE:-\"a b\"} | a b",
        "${NOPE:-$A} | 1",
        "\u00e9$HOM\u00c9 | \u00e9",
      })
  void process_givesDockersWord(String word, String expected) {
    String want = expected == null ? "" : expected.strip(); // an empty column is null
    assertThat(ShellLex.process(word.strip(), ENV, '\\').word()).isEqualTo(want);
  }

  @ParameterizedTest(name = "[{0}]: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "\"abc | unexpected end of statement while looking for matching double-quote",
        "'abc | unexpected end of statement while looking for matching single-quote",
        "${} | syntax error: bad substitution",
        "${:x} | syntax error: bad substitution",
        "${ | syntax error: missing '}'",
        "${A:-x | syntax error: missing '}'",
        "${A | missing ':' in substitution",
        "${A#x} | missing ':' in substitution",
        "${A-x} | missing ':' in substitution",
        "${A:=x} | unsupported modifier (=) in substitution",
        "${NOPE?} | NOPE: is not allowed to be unset",
        "${NOPE?custom} | NOPE: custom",
        "${EMPTY:?} | EMPTY: is not allowed to be empty",
        "${NOPE:?custom} | NOPE: custom"
      })
  void process_refusesWhatDockerRefuses(String word, String message) {
    assertThatThrownBy(() -> ShellLex.process(word.strip(), ENV, '\\'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message.strip());
  }

  @ParameterizedTest(name = "[{0}] splits into {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {"$P | 80,443", "\"$P\" | 80 443", "a b | a,b", "'' | ", "x$EMPTY | x", "8$A | 81"})
  void fields_splitOnSpacesOutsideQuotes(String word, String fields) {
    List<String> expected = fields == null ? List.of() : List.of(fields.strip().split(","));
    assertThat(ShellLex.process(word.strip(), ENV, '\\').fields()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] is [{1}] with ` as escape")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {"a`$A | a$A", "a\\b | a\\b", "\"x`\"y\" | x\"y", "a`` | a`"})
  void process_withBacktickEscape(String word, String expected) {
    assertThat(ShellLex.process(word.strip(), ENV, '`').word()).isEqualTo(expected.strip());
  }
}
