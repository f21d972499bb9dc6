package dev.flattar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Digest;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Flatten;
import dev.flattar.testing.LayerChecks;
import dev.flattar.testing.TestdataSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed samples are what their generator makes, and flatten as README says. */
class TestdataSamplesTest {
  static final Path TESTDATA = Path.of(System.getProperty("flattar.testdata", "testdata"));

  @Test
  void committedSamples_matchTheirGenerator() throws Exception {
    for (Map.Entry<String, byte[]> f : TestdataSamples.all().entrySet()) {
      assertThat(Digest.of(Files.readAllBytes(TESTDATA.resolve(f.getKey()))))
          .as("testdata/%s is stale: regenerate it (see TestdataSamples)", f.getKey())
          .isEqualTo(Digest.of(f.getValue()));
    }
  }

  @Test
  void samples_flattenToOneLayerWithTheMergedTree() throws Exception {
    for (byte[] archive : TestdataSamples.all().values()) {
      FlatArchive out = Flatten.run(archive);
      LayerChecks.assertWellFormed(out.layer);
      assertThat(out.repoTags()).containsExactly("sample/app:1.0");
      assertThat(out.tree().describe())
          .doesNotContainKey("bin/busybox")
          .doesNotContainKey("var/cache/apk")
          .containsKeys(
              "bin/sh", "bin/ls", "usr/bin/app", "usr/bin/ping", "etc/app.conf", "dev/null");
      assertThat(out.tree().describe().get("bin/ls")).contains("inode=bin/ls");
      assertThat(out.tree().describe().get("bin/sh")).contains("inode=bin/ls");
    }
  }
}
