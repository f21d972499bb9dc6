package dev.flattar.io;

import dev.flattar.model.FlatTarException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory read in place (never modified), such as an OCI image layout: its regular files by
 * path relative to it, each open for reading. Symbolic links are followed (Bazel's tree artifacts
 * and layouts that share blobs use them); what a file holds is checked against its digest anyway.
 */
public final class InputDirectory implements InputSource {
  /** Files read from one directory; layouts hold a few hundred. */
  public static final int MAX_FILES = 1 << 16;

  private final Path root;
  private final String label;
  private final Map<String, FileSlice> files;
  private final List<FileChannel> channels;

  private InputDirectory(
      Path root, String label, Map<String, FileSlice> files, List<FileChannel> channels) {
    this.root = root;
    this.label = label;
    this.files = files;
    this.channels = channels;
  }

  /** Opens every regular file below {@code root}. */
  public static InputDirectory open(Path root, String label) throws FlatTarException, IOException {
    Map<String, FileSlice> files = new TreeMap<>();
    List<FileChannel> channels = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        if (files.size() == MAX_FILES) {
          throw new FlatTarException(
              label + ": more than " + MAX_FILES + " files; not an image layout");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channels.add(channel);
        String name = root.relativize(file).toString().replace('\\', '/');
        files.put(name, new FileSlice(channel, 0, channel.size()));
      }
    } catch (IOException | FlatTarException | RuntimeException e) {
      closeAll(channels);
      throw e;
    }
    return new InputDirectory(root, label, files, channels);
  }

  public Path root() {
    return root;
  }

  /** Regular files by path relative to the directory, {@code /}-separated, sorted. */
  public Map<String, FileSlice> files() {
    return files;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public SpoolDigests digests() {
    return SpoolDigests.none();
  }

  @Override
  public void close() throws IOException {
    closeAll(channels);
  }

  private static void closeAll(List<FileChannel> channels) throws IOException {
    IOException first = null;
    for (FileChannel c : channels) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
