package dev.flattar.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decompression bombs, run in a real JVM with a 256 MiB heap: a few hundred KiB of gzip or zstd
 * that expand to 200 MB, and a layer of millions of empty members. Each ends with a correct archive
 * or one clear line, never an OutOfMemoryError, and leaves nothing behind.
 */
class BombTest {
  static final long SIZE = 200L << 20;

  @TempDir Path tmp;

  @ParameterizedTest(name = "zstd={0}")
  @ValueSource(booleans = {false, true})
  void layerOf200MBOfZeros_flattensInASmallHeap(boolean zstd) throws Exception {
    Path in = BombFiles.archive(tmp, BombFiles.zeros("zeros", SIZE), zstd);
    assertThat(Files.size(in)).isLessThan(SIZE / 100);

    Run run = flatTar256m(in);

    assertThat(run.code).as(run.stderr).isZero();
    assertThat(run.stderr).isEmpty();
    assertThat(layerEntries(tmp.resolve("out.tar"))).containsExactly(Map.entry("zeros", SIZE));
    assertThat(listing()).containsExactlyInAnyOrder("in.tar", "out.tar", "stdout", "stderr");
  }

  @Test
  void layerOfMillionsOfEmptyMembers_isRefusedBeforeTheHeapRunsOut() throws Exception {
    Path in = BombFiles.archive(tmp, BombFiles.emptyFiles(2_500_000), true);

    Run run = flatTar256m(in);

    assertThat(run.code).isEqualTo(1);
    assertThat(run.stderr)
        .matches(
            "flat-tar: .*\\.tar: layer 1 \\(layer.tar\\): more than \\d{6,7} members in the image's layers;"
                + " at 160 bytes or more each, that is more than this JVM's heap of 2\\d\\d MiB"
                + " holds \\(limit \\d{6,7}\\); give it more, e.g. FLAT_TAR_JAVA_OPTS=-Xmx4g or"
                + " java -Xmx4g -jar\n");
    assertThat(listing()).containsExactlyInAnyOrder("in.tar", "stdout", "stderr");
  }

  @Test
  void membersTheHeapCanHold_flatten() throws Exception {
    Path in = BombFiles.archive(tmp, BombFiles.emptyFiles(300_000), false);

    Run run = flatTar256m(in);

    assertThat(run.code).as(run.stderr).isZero();
    assertThat(layerEntries(tmp.resolve("out.tar")).size()).isEqualTo(300_000);
  }

  record Run(int code, String stderr) {}

  /** flat-tar in a JVM with a 256 MiB heap, output to {@code out.tar}, TMPDIR the test's dir. */
  private Run flatTar256m(Path in) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
    cmd.addAll(
        List.of(
            "dev.flattar.cli.Main", "-q", "-o", tmp.resolve("out.tar").toString(), in.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TMPDIR", tmp.toString());
    File stderr = tmp.resolve("stderr").toFile();
    pb.redirectOutput(tmp.resolve("stdout").toFile()).redirectError(stderr);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("flat-tar did not finish in 120 s");
    }
    return new Run(p.exitValue(), Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
  }

  /** Names and sizes of the flattened layer's members, read by streaming (never all in memory). */
  private static Map<String, Long> layerEntries(Path archive) throws IOException {
    Map<String, Long> entries = new LinkedHashMap<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        TarArchiveInputStream outer = new TarArchiveInputStream(file)) {
      TarArchiveEntry layer = outer.getNextEntry();
      assertThat(layer.getName()).endsWith("/layer.tar");
      TarArchiveInputStream inner = new TarArchiveInputStream(outer);
      for (TarArchiveEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
        entries.put(e.getName(), e.getSize());
      }
    }
    return entries;
  }

  private List<String> listing() {
    return Hostile.listing(tmp).stream().map(p -> p.getFileName().toString()).toList();
  }
}
