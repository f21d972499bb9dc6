package dev.flattar.pipeline;

import dev.flattar.writer.ArchiveSink;
import dev.flattar.writer.Members;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Where a run writes while it runs: an archive (a file or a stream), or a layout directory. */
sealed interface OutputPlace {
  /** Whether the output is kept only if the run ends well, so checks may finish after writing. */
  boolean keptWhenComplete();

  /** The members of the output. */
  Members members(Path tempDir);

  /**
   * An archive.
   *
   * @param file the file being written (to read it back), or null for a stream
   */
  record Archive(ArchiveSink sink, @Nullable FileChannel file) implements OutputPlace {
    @Override
    public boolean keptWhenComplete() {
      return file != null;
    }

    @Override
    public Members members(Path tempDir) {
      return Members.tar(sink, tempDir);
    }
  }

  /** A layout directory being built at {@code root}, renamed to its target when complete. */
  record Directory(Path root) implements OutputPlace {
    @Override
    public boolean keptWhenComplete() {
      return true;
    }

    @Override
    public Members members(Path tempDir) {
      return Members.directory(root);
    }
  }
}
