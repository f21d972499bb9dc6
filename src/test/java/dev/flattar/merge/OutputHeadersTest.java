package dev.flattar.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.TarEntry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The header each surviving member is written with: clamped mtimes, no overlayfs xattrs. */
class OutputHeadersTest {
  private static final long NONE = Long.MAX_VALUE;
  private static final PaxRecord CAPABILITY =
      new PaxRecord("SCHILY.xattr.security.capability", "c");
  private static final PaxRecord OPAQUE = new PaxRecord("SCHILY.xattr.trusted.overlay.opaque", "y");
  private static final PaxRecord ORIGIN = new PaxRecord("SCHILY.xattr.trusted.overlay.origin", "o");
  private static final PaxRecord OTHER_TRUSTED = new PaxRecord("SCHILY.xattr.trusted.other", "t");
  private static final PaxRecord ATIME = new PaxRecord("atime", "1.5");

  static Stream<Arguments> cases() {
    return Stream.of(
        // mtime seconds, nanos, clamp, extra PAX records -> written seconds, nanos, records
        Arguments.of(100, 0, NONE, List.of(), 100, 0, List.of()),
        Arguments.of(100, 5, 200, List.of(), 100, 5, List.of()),
        Arguments.of(300, 5, 200, List.of(), 200, 0, List.of()),
        Arguments.of(200, 0, 200, List.of(), 200, 0, List.of()),
        Arguments.of(200, 1, 200, List.of(), 200, 0, List.of()),
        Arguments.of(-5, 0, 0, List.of(), -5, 0, List.of()),
        Arguments.of(1, 0, NONE, List.of(OPAQUE), 1, 0, List.of()),
        Arguments.of(
            1,
            0,
            NONE,
            List.of(ATIME, OPAQUE, CAPABILITY, ORIGIN, OTHER_TRUSTED),
            1,
            0,
            List.of(ATIME, CAPABILITY, OTHER_TRUSTED)),
        Arguments.of(9, 9, 3, List.of(ORIGIN, CAPABILITY), 3, 0, List.of(CAPABILITY)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void header_isClampedAndLosesOverlayXattrsOnly(
      long seconds,
      int nanos,
      long clamp,
      List<PaxRecord> pax,
      long writtenSeconds,
      int writtenNanos,
      List<PaxRecord> written) {
    TarEntry source =
        TarEntry.builder("usr/bin/x", EntryType.FILE)
            .mode(04755)
            .mtime(seconds, nanos)
            .extraPax(pax)
            .build();

    TarEntry out = OutputHeaders.of(source, clamp);

    assertThat(out.mtimeSeconds()).isEqualTo(writtenSeconds);
    assertThat(out.mtimeNanos()).isEqualTo(writtenNanos);
    assertThat(out.extraPax()).containsExactlyElementsOf(written);
    assertThat(out.withMtime(seconds, nanos).withoutPax(r -> true))
        .as("nothing else changes")
        .isEqualTo(source.withoutPax(r -> true));
  }
}
