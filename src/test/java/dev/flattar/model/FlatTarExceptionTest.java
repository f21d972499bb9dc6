package dev.flattar.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlatTarExceptionTest {
  @Test
  void message_isOneLineWithoutTerminalEscapes_whateverTheInputNamed() {
    FlatTarException e =
        new InvalidImageException("path 'a\nb\u001b[2Jc\u0000' leaves the archive\r");

    assertThat(e.getMessage()).isEqualTo("path 'a\\nb\\x1b[2Jc\\x00' leaves the archive\\r");
  }

  @Test
  void message_withoutControlCharacters_isKeptAsItIs() {
    assertThat(new FlatTarException("caf\u00e9: 3 layers").getMessage())
        .isEqualTo("caf\u00e9: 3 layers");
  }
}
