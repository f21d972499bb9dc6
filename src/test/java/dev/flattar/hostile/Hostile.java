package dev.flattar.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.cli.CliRunner;
import dev.flattar.model.Digest;
import dev.flattar.testing.Archives;
import dev.flattar.testing.Archives.Layout;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.ImageSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Runs flat-tar on hostile archives and checks the contract: a correct archive or a clean no. */
final class Hostile {
  static final String TAG = "hostile:1";

  private Hostile() {}

  /** A docker-save (1.10-24) archive of one image with these uncompressed layers. */
  static byte[] docker(byte[]... layers) {
    return Archives.build(Layout.DOCKER, ImageSpec.of(layers).tags(TAG));
  }

  /** How a layer of {@link #docker} is named in messages. */
  static String dockerLayer(int position, byte[] layer) {
    return "layer " + position + " (" + Digest.of(layer).hex() + "/layer.tar)";
  }

  /**
   * Runs the command line on {@code archive} (written to {@code dir/in.tar}, output {@code -o
   * dir/out.tar}) and checks that it was refused cleanly: exit status 1, one line on stderr, no
   * stack trace, no output file, nothing else left in {@code dir}. Returns the line.
   */
  static String refused(Path dir, byte[] archive) {
    Path in = write(dir, archive);
    Path out = dir.resolve("out.tar");
    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), in.toString());
    assertThat(run.code()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stderr().lines()).as(run.stderr()).hasSize(1);
    assertThat(run.stderr())
        .startsWith("flat-tar: ")
        .doesNotContain("Exception")
        .doesNotContain("internal error");
    String line = run.stderr().trim();
    assertThat(line.split(Pattern.quote(in.toString()), -1).length)
        .as("names the input at most once: %s", line)
        .isLessThanOrEqualTo(2);
    assertThat(out).doesNotExist();
    assertThat(listing(dir)).containsExactly(in);
    return line;
  }

  /** Runs the command line on {@code archive}; checks success and returns the output read back. */
  static FlatArchive flattened(Path dir, byte[] archive) {
    Path in = write(dir, archive);
    Path out = dir.resolve("out.tar");
    CliRunner.Run run = CliRunner.run(new byte[0], "-o", out.toString(), in.toString());
    assertThat(run.code()).as(run.stderr()).isZero();
    FlatArchive flat = FlatArchive.read(out);
    assertThat(listing(dir)).containsExactlyInAnyOrder(in, out);
    return flat;
  }

  /** The member names of a layer tar, in order, as commons-compress reads them. */
  static List<String> names(byte[] layer) {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** The entries of a layer tar as commons-compress reads them. */
  static List<TarArchiveEntry> entries(byte[] layer) {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  static Path write(Path dir, byte[] archive) {
    try {
      return Files.write(dir.resolve("in.tar"), archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> listing(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
