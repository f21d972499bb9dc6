package dev.flattar.tar;

import static dev.flattar.tar.TarFixtures.unlocated;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TarHeaderEncoder output read back by TarReader gives the entries that were encoded. */
class TarRoundTripTest {

  static Stream<?> cases() {
    return RoundTripCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reader_readsBackWhatTheEncoderWrote(RoundTripCases.Case c) throws Exception {
    byte[] archive = c.archive();

    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read).hasSameSizeAs(c.members());
    for (int i = 0; i < read.size(); i++) {
      RoundTripCases.Member m = c.members().get(i);
      assertThat(unlocated(read.get(i))).isEqualTo(unlocated(m.entry()));
      assertThat(read.get(i).storedSize()).isEqualTo(m.data().length);
      assertThat(TarFixtures.stored(archive, read.get(i))).isEqualTo(m.data());
    }
  }

  @Test
  void reader_readsManyMembersInOneArchive_withDataAtTheReportedOffsets() throws Exception {
    TarFixtures.Archive a = new TarFixtures.Archive();
    List<RoundTripCases.Member> all =
        RoundTripCases.all().flatMap(n -> n.getPayload().members().stream()).toList();
    all.forEach(m -> a.add(m.entry(), m.data()));
    byte[] archive = a.finish();

    List<TarEntry> read = TarFixtures.readAll(archive);

    assertThat(read).hasSameSizeAs(all);
    for (int i = 0; i < read.size(); i++) {
      assertThat(unlocated(read.get(i))).isEqualTo(unlocated(all.get(i).entry()));
      assertThat(TarFixtures.stored(archive, read.get(i))).isEqualTo(all.get(i).data());
    }
  }

  @Test
  void reader_positionEndsAfterTheEndOfArchiveBlocks() throws Exception {
    byte[] archive = new TarFixtures.Archive().add(TarFixtures.file("a", 700).build()).finish();
    TarReader reader = new TarReader(new ByteArrayInputStream(archive), "t");

    TarEntry e = reader.next();
    assertThat(e.dataOffset()).isEqualTo(512);
    assertThat(e.storedSize()).isEqualTo(700);
    assertThat(reader.next()).isNull();
    assertThat(reader.position()).isEqualTo(archive.length);
    assertThat(reader.next()).isNull();
  }

  @Test
  void reader_dataOffsetFollowsPaxHeader() throws Exception {
    TarFixtures.Entry e = TarFixtures.file(TarFixtures.repeat('x', 300), 10);
    byte[] header = TarHeaderEncoder.encode(e.build());
    byte[] archive = new TarFixtures.Archive().add(e.build(), new byte[10]).finish();

    TarEntry read = TarFixtures.readOnly(archive);

    assertThat(header.length).isEqualTo(3 * 512);
    assertThat(read.dataOffset()).isEqualTo(header.length);
  }
}
