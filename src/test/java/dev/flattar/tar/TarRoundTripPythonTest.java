package dev.flattar.tar;

import static dev.flattar.tar.ExternalTools.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TarHeaderEncoder output read by Python 3's tarfile module. */
class TarRoundTripPythonTest {
  @TempDir Path dir;

  static Stream<?> cases() {
    return RoundTripCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pythonTarfile_readsWhatTheEncoderWrote(RoundTripCases.Case c) throws Exception {
    Path archive = Files.write(dir.resolve("rt.tar"), c.archive());

    JsonNode read = ExternalTools.pythonRead(archive);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(read.size()).as("members").isEqualTo(c.members().size());
    for (int i = 0; i < Math.min(read.size(), c.members().size()); i++) {
      assertSameAsPython(soft, c.members().get(i), read.get(i));
    }
    soft.assertAll();
  }

  /** Compares one member with Python's reading of it (see ExternalTools.pythonRead). */
  static void assertSameAsPython(SoftAssertions soft, RoundTripCases.Member m, JsonNode py) {
    TarEntry want = m.entry();
    String name = want.name();
    if (want.type() == EntryType.DIRECTORY && name.endsWith("/")) {
      name = name.substring(0, name.length() - 1); // tarfile strips it
    }
    soft.assertThat(py.get("name").asText()).as("name").isEqualTo(hex(name));
    soft.assertThat(py.get("type").asText()).as("type").isEqualTo(flag(want.type()));
    soft.assertThat(py.get("mode").asInt()).as("mode").isEqualTo(want.mode());
    soft.assertThat(py.get("uid").asLong()).as("uid").isEqualTo(want.uid());
    soft.assertThat(py.get("gid").asLong()).as("gid").isEqualTo(want.gid());
    soft.assertThat(py.get("uname").asText()).as("uname").isEqualTo(hex(want.uname()));
    soft.assertThat(py.get("gname").asText()).as("gname").isEqualTo(hex(want.gname()));
    soft.assertThat(py.get("mtime").asText())
        .as("mtime")
        .isEqualTo(PaxTime.format(want.mtimeSeconds(), want.mtimeNanos()));
    soft.assertThat(py.get("linkname").asText()).as("link").isEqualTo(hex(want.linkName()));
    soft.assertThat(py.get("devmajor").asInt()).as("devmajor").isEqualTo(want.devMajor());
    soft.assertThat(py.get("devminor").asInt()).as("devminor").isEqualTo(want.devMinor());
    soft.assertThat(py.get("size").asLong()).as("size").isEqualTo(want.storedSize());
    if (want.type() == EntryType.FILE) {
      soft.assertThat(py.get("data").asText()).as("data").isEqualTo(hex(m.data()));
    }
    for (PaxRecord r : want.extraPax()) {
      soft.assertThat(py.get("pax").path(r.key()).asText(null))
          .as("pax " + r.key())
          .isEqualTo(hex(r.value()));
    }
  }

  static String flag(EntryType type) {
    return String.valueOf((char) type.flag());
  }
}
