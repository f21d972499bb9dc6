package dev.flattar.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flattar.model.InvalidImageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which member names are whiteouts, opaque markers or AUFS bookkeeping (FORMAT.md section 3). */
class EntryKindTest {
  @ParameterizedTest(name = "{0} is {1}, about ''{2}''")
  @CsvSource({
    "etc/passwd, CONTENT, etc/passwd",
    "etc/.wh.passwd, WHITEOUT, etc/passwd",
    ".wh.etc, WHITEOUT, etc",
    "a/b/.wh..wh..opq, OPAQUE, a/b",
    ".wh..wh..opq, OPAQUE, ''",
    "my.wh.dir, CONTENT, my.wh.dir",
    "my.wh.dir/file, CONTENT, my.wh.dir/file",
    "foo.wh.bar, CONTENT, foo.wh.bar",
    ".whatever, CONTENT, .whatever",
    ".wh, CONTENT, .wh",
    "dir/.wh.x.wh.y, WHITEOUT, dir/x.wh.y",
    "dir/.wh..hidden, WHITEOUT, dir/.hidden",
    ".wh..wh.plnk, AUFS_METADATA, .wh..wh.plnk",
    ".wh..wh.plnk/123.456, AUFS_METADATA, .wh..wh.plnk/123.456",
    ".wh..wh.aufs, AUFS_METADATA, .wh..wh.aufs",
    ".wh..wh.orph/x, AUFS_METADATA, .wh..wh.orph/x",
    "deep/.wh..wh.orph, WHITEOUT, deep/.wh.orph"
  })
  void classifiesByBasenamePrefixOnly(String path, EntryKind kind, String subject)
      throws Exception {
    assertThat(EntryKind.of(path)).isEqualTo(kind);
    assertThat(EntryKind.subject(kind, path)).isEqualTo(subject);
  }

  @ParameterizedTest
  @ValueSource(strings = {".wh.", "d/.wh.", "d/.wh..", "d/.wh..."})
  void whiteoutsThatNameNothing_areRejected(String path) {
    assertThatThrownBy(() -> EntryKind.of(path))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("names no file");
  }
}
