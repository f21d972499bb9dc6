package dev.flattar.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.UnsafePathException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TarPathsTest {

  @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      textBlock =
          """
          a               | a
          a/b/c           | a/b/c
          dir/            | dir
          ./a             | a
          ./a/            | a
          /a/b/           | a/b
          //a             | a
          a//b            | a/b
          a/./b           | a/b
          a/.             | a
          a/../b          | b
          a/b/../../c     | c
          a/b/..          | a
          /a/../../x      | x
          /../x           | x
          /..             | ''
          ''              | ''
          .               | ''
          ./              | ''
          /               | ''
          ././/.          | ''
          a/..            | ''
          .wh..wh..opq    | .wh..wh..opq
          a/.wh.b         | a/.wh.b
          ...             | ...
          a/..b/..c       | a/..b/..c
          """)
  void normalize_cleansLexically(String name, String expected) throws Exception {
    assertThat(TarPaths.normalize(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../x", "a/../../x", "./../x", "a/b/../../../x", "../", "x/../.."})
  void normalize_relativeNameClimbingAboveRoot_isUnsafe(String name) {
    assertThatThrownBy(() -> TarPaths.normalize(name))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("..");
  }

  static Stream<Arguments> nonUtf8Names() {
    return Stream.of(
        Arguments.of(TarFixtures.bytes(0xff, 0xfe), TarFixtures.bytes(0xff, 0xfe)),
        Arguments.of(
            "dir/" + TarFixtures.bytes(0xe9) + "t" + TarFixtures.bytes(0xe9),
            "dir/" + TarFixtures.bytes(0xe9) + "t" + TarFixtures.bytes(0xe9)),
        Arguments.of("./" + TarFixtures.bytes(0xc3, 0x28) + "/", TarFixtures.bytes(0xc3, 0x28)),
        Arguments.of(
            TarEntry.carrier("caf\u00e9/\u65e5\u672c"),
            TarEntry.carrier("caf\u00e9/\u65e5\u672c")));
  }

  @ParameterizedTest
  @MethodSource("nonUtf8Names")
  void normalize_keepsNonAsciiBytesUnchanged(String name, String expected) throws Exception {
    assertThat(TarPaths.normalize(name)).isEqualTo(expected);
  }

  @Test
  void normalize_isIdempotent() throws Exception {
    for (String name : new String[] {"./a//b/./c/", "/x/../y/", "a/b/../c"}) {
      String once = TarPaths.normalize(name);
      assertThat(TarPaths.normalize(once)).isEqualTo(once);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      textBlock =
          """
          a/b/c | c     | a/b
          a     | a     | ''
          ''    | ''    | ''
          """)
  void basenameAndParent_splitACleanPath(String path, String base, String parent) {
    assertThat(TarPaths.basename(path)).isEqualTo(base);
    assertThat(TarPaths.parent(path)).isEqualTo(parent);
  }
}
