package dev.flattar;

import dev.flattar.io.TempFiles;
import dev.flattar.model.ImageReference;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Progress;
import dev.flattar.model.Reporter;
import dev.flattar.model.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How to flatten: immutable, built with {@link #builder()}; every setter validates its value.
 *
 * @param tags RepoTags for the output; empty keeps the source image's names
 * @param image which image of a multi-image archive to flatten (a tag or an id prefix), or null
 * @param allImages flatten every image of the archive
 * @param keepBase how many bottom layers to keep unchanged (0: flatten everything)
 * @param fromLayer keep the layers up to and including this one (a diff_id, a unique prefix of one,
 *     or a 1-based position), or null
 * @param format the layout of the written archive
 * @param compression of the new layer
 * @param created the config's new {@code created}, or null to keep the source's
 * @param clampMtime entries newer than this get this mtime, or null
 * @param maxLayers an image with at most this many layers is copied unchanged, or null
 * @param verify read a written file back and check it against the plan
 * @param reporter where warnings, notes and --verbose decisions go
 * @param progress told how far reading and writing are
 * @param threads worker threads for reading layers
 * @param tempDir where stdin, whole-archive-compressed inputs and spooled members go
 */
public record FlattenOptions(
    List<String> tags,
    String image,
    boolean allImages,
    int keepBase,
    String fromLayer,
    OutputFormat format,
    OutputCompression compression,
    Instant created,
    Instant clampMtime,
    Integer maxLayers,
    boolean verify,
    Reporter reporter,
    Progress progress,
    int threads,
    Path tempDir) {

  public FlattenOptions {
    tags = List.copyOf(tags);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Flatten the only image to one layer, keep its names, docker format, no messages. */
  public static FlattenOptions defaults() {
    return builder().build();
  }

  /** Builds {@link FlattenOptions}. */
  public static final class Builder {
    private final List<String> tags = new ArrayList<>();
    private String image;
    private boolean allImages;
    private int keepBase;
    private String fromLayer;
    private OutputFormat format = OutputFormat.DOCKER;
    private OutputCompression compression = OutputCompression.NONE;
    private Instant created;
    private Instant clampMtime;
    private Integer maxLayers;
    private boolean verify;
    private Reporter reporter = Reporter.SILENT;
    private Progress progress = Progress.NONE;
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

    /** Which image to flatten when the archive holds several: a tag or an image id prefix. */
    public Builder image(String image) {
      this.image = image;
      return this;
    }

    /** Flatten every image of the archive (layers shared between them are read once). */
    public Builder allImages(boolean allImages) {
      this.allImages = allImages;
      return this;
    }

    /** Keep the bottom {@code layers} layers unchanged and flatten the rest onto them. */
    public Builder keepBase(int layers) {
      if (layers < 0) {
        throw new IllegalArgumentException("--keep-base must be 0 or more, got " + layers);
      }
      this.keepBase = layers;
      return this;
    }

    /** Keep the layers up to and including {@code layer} (diff_id, prefix or 1-based position). */
    public Builder fromLayer(String layer) {
      this.fromLayer = layer;
      return this;
    }

    public Builder format(OutputFormat format) {
      this.format = format;
      return this;
    }

    public Builder compression(OutputCompression compression) {
      this.compression = compression;
      return this;
    }

    /** Sets the config's {@code created} and the new history entry's time. */
    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    /** Gives entries newer than {@code time} that time. */
    public Builder clampMtime(Instant time) {
      this.clampMtime = time;
      return this;
    }

    /** Copies an image that has at most {@code layers} layers unchanged. */
    public Builder maxLayers(int layers) {
      if (layers < 1) {
        throw new IllegalArgumentException("--max-layers must be 1 or more, got " + layers);
      }
      this.maxLayers = layers;
      return this;
    }

    /**
     * Reads the written file back and checks configs, digests and the new layer's members against
     * the plan (costs a second read of the output; needs a file output).
     */
    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    public Builder reporter(Reporter reporter) {
      this.reporter = reporter;
      return this;
    }

    /** Receives how far reading and writing are (a progress line, for instance). */
    public Builder progress(Progress progress) {
      this.progress = progress;
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
      if (keepBase > 0 && fromLayer != null) {
        throw new IllegalArgumentException("--keep-base and --from-layer exclude each other");
      }
      if (allImages && image != null) {
        throw new IllegalArgumentException("--all-images and --image exclude each other");
      }
      return new FlattenOptions(
          tags,
          image,
          allImages,
          keepBase,
          fromLayer,
          format,
          compression,
          created,
          clampMtime,
          maxLayers,
          verify,
          reporter,
          progress,
          threads,
          tempDir == null ? TempFiles.directory() : tempDir);
    }
  }

  /** The config time as written, or null. */
  String createdText() {
    return created == null ? null : Times.rfc3339(created);
  }

  long clampSeconds() {
    return clampMtime == null ? Long.MAX_VALUE : clampMtime.getEpochSecond();
  }
}
