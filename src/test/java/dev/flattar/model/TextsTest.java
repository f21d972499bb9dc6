package dev.flattar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How names from tar headers (their bytes, one char each) are shown. */
class TextsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ASCII|etc/passwd|etc/passwd",
        "UTF-8 is decoded|café.txt|café.txt",
        "UTF-8 outside the BMP|\uD83D\uDE00|\uD83D\uDE00",
        "a control character is escaped|a\tb|a\\tb",
        "an escape sequence is escaped|a\u001b[31mred|a\\x1b[31mred",
      })
  void aUtf8Name_isShownDecoded(String what, String name, String shown) {
    String raw = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

    assertThat(Texts.tarName(raw)).as(what).isEqualTo(shown);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a Latin-1 byte|caf\u00e9.txt|caf\\xe9.txt",
        "a lone continuation byte|a\u0080b|a\\x80b",
        "a truncated sequence|x\u00c3|x\\xc3",
      })
  void aNameThatIsNotUtf8_showsItsHighBytesEscaped(String what, String raw, String shown) {
    assertThat(Texts.tarName(raw)).as(what).isEqualTo(shown);
  }
}
