package dev.flattar;

import dev.flattar.io.TempFiles;
import dev.flattar.model.ImageReference;
import dev.flattar.model.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to flatten: immutable, built with {@link #builder()}.
 *
 * @param tags RepoTags for the output; empty keeps the source image's names
 * @param image which image of a multi-image archive to flatten (a tag or an id prefix), or null
 * @param reporter where warnings and --verbose decisions go
 * @param threads worker threads for reading layers
 * @param tempDir where stdin and whole-archive-compressed inputs are spooled
 */
public record FlattenOptions(
    List<String> tags, String image, Reporter reporter, int threads, Path tempDir) {

  public FlattenOptions {
    tags = List.copyOf(tags);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: keep tags, a single-image archive, no messages, two threads, {@code $TMPDIR}. */
  public static FlattenOptions defaults() {
    return builder().build();
  }

  /** Builds {@link FlattenOptions}. */
  public static final class Builder {
    private final List<String> tags = new ArrayList<>();
    private String image;
    private Reporter reporter = Reporter.SILENT;
    private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    private Path tempDir;

    private Builder() {}

    /**
     * Adds an output tag. A name without a tag means {@code :latest}.
     *
     * @throws IllegalArgumentException if Docker would not accept it as a repository tag
     */
    public Builder tag(String tag) {
      ImageReference ref = ImageReference.parseWithDefaultTag(tag);
      if (ref == null) {
        throw new IllegalArgumentException(
            "invalid tag '" + tag + "': expected name:tag with a lower-case name, e.g. app:1.0");
      }
      tags.add(ref.toString());
      return this;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder reporter(Reporter reporter) {
      this.reporter = reporter;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder tempDir(Path tempDir) {
      this.tempDir = tempDir;
      return this;
    }

    public FlattenOptions build() {
      return new FlattenOptions(
          tags, image, reporter, threads, tempDir == null ? TempFiles.directory() : tempDir);
    }
  }
}
