package dev.flattar.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.Input;
import dev.flattar.Output;
import dev.flattar.model.FlatTarException;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import dev.flattar.tar.TarReader;
import dev.flattar.testing.FlatArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One fuzz execution: flatten archive bytes through the public API and check what came out. A
 * refusal must be a FlatTarException with a one-line message; anything else thrown (an IOException,
 * since every file involved is a local temporary file, or any RuntimeException or Error) is a bug,
 * and so is an output that is not a loadable one-layer image with a clean layer.
 */
final class FuzzRun {
  /**
   * Bigger outputs are legitimate (a 64 GiB sparse file is within the limits) but too slow here.
   */
  static final long MAX_OUTPUT = 64L << 20;

  private static final Path DIR = directory();

  private FuzzRun() {}

  /** The flattened archive, or null when the input was refused (or its output is too large). */
  static byte[] flatten(byte[] archive) {
    return flatten(archive, false);
  }

  /**
   * The same, reading the archive from a stream when {@code streamed}: spooled to a temporary file
   * as standard input is, and hashed while it is spooled.
   */
  static byte[] flatten(byte[] archive, boolean streamed) {
    Path in = DIR.resolve("in.tar");
    try {
      Files.write(in, archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Bounded out = new Bounded();
    boolean flattened = false;
    try {
      FlatTar.flatten(
          streamed ? Input.stream(new ByteArrayInputStream(archive)) : Input.file(in),
          Output.stream(out),
          FlattenOptions.builder().threads(1).tempDir(DIR).build());
      flattened = true;
    } catch (FlatTarException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r");
    } catch (TooLarge e) {
      // a legitimately huge output: not what is being fuzzed
    } catch (IOException e) {
      throw new AssertionError("an I/O error on local temporary files: " + e, e);
    }
    try (var files = Files.list(DIR)) {
      assertThat(files).as("temporary files left").containsExactly(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return flattened ? out.toByteArray() : null;
  }

  /** Checks an output: loadable, one layer, and a layer whose names are clean and in order. */
  static FlatArchive check(byte[] output) {
    FlatArchive flat = FlatArchive.read(output);
    checkLayer(flat.layer);
    return flat;
  }

  /**
   * Every name is clean and root-relative, none is a whiteout, none appears twice, a name's
   * directories that are written are directories and come before it, and a hard link names an
   * earlier non-directory. Read with flat-tar's reader, which keeps names as raw bytes (an
   * independent reader decodes them).
   */
  static void checkLayer(byte[] layer) {
    Map<String, TarEntry> seen = new HashMap<>();
    Map<String, Integer> order = new HashMap<>();
    List<TarEntry> entries = read(layer);
    for (TarEntry e : entries) {
      String name = e.name();
      boolean dir = e.type().isDirectory();
      assertThat(TarPaths.isCanonical(name, dir)).as("canonical name '%s'", name).isTrue();
      String path = dir ? name.substring(0, name.length() - 1) : name;
      assertThat(TarPaths.basename(path)).as("whiteout in the output").doesNotStartWith(".wh.");
      assertThat(seen.put(path, e)).as("'%s' written twice", path).isNull();
      order.put(path, order.size());
      if (e.type() == EntryType.HARDLINK) {
        TarEntry target = seen.get(e.linkName());
        assertThat(target).as("hard link '%s' -> earlier '%s'", path, e.linkName()).isNotNull();
        assertThat(target.type().isDirectory()).isFalse();
      }
    }
    for (TarEntry e : entries) {
      String name = e.name();
      String path = e.type().isDirectory() ? name.substring(0, name.length() - 1) : name;
      for (String p = TarPaths.parent(path); !p.isEmpty(); p = TarPaths.parent(p)) {
        TarEntry parent = seen.get(p);
        if (parent != null) { // else left for the unpacker to make
          assertThat(parent.type().isDirectory())
              .as("'%s' is under a non-directory", path)
              .isTrue();
          assertThat(order.get(p))
              .as("directory '%s' comes after '%s'", p, path)
              .isLessThan(order.get(path));
        }
      }
    }
  }

  private static List<TarEntry> read(byte[] layer) {
    List<TarEntry> entries = new ArrayList<>();
    try {
      TarReader reader = new TarReader(new ByteArrayInputStream(layer), "flattened layer");
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        entries.add(e);
      }
    } catch (IOException | FlatTarException e) {
      throw new AssertionError("flat-tar cannot read its own layer back: " + e, e);
    }
    return entries;
  }

  private static Path directory() {
    Path shm = Path.of("/dev/shm");
    Path base =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? shm
            : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      Path dir = Files.createTempDirectory(base, "flat-tar-fuzz-");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Files.deleteIfExists(dir.resolve("in.tar"));
                      Files.deleteIfExists(dir);
                    } catch (IOException e) {
                      // best effort
                    }
                  }));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Thrown by the output when an input would make a legitimately huge archive. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }

  private static final class Bounded extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (count + (long) len > MAX_OUTPUT) {
        throw new TooLarge();
      }
      super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
