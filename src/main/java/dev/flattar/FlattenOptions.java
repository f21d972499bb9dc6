package dev.flattar;

import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Platform;
import dev.flattar.model.Progress;
import dev.flattar.model.Reporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to flatten: immutable, built with {@link #builder()}. Every rule about the options, alone and
 * together, is checked when they are made ({@link OptionRules}), so a {@code FlattenOptions} that
 * exists is one that can run.
 *
 * @param tags RepoTags for the output, each {@code name:tag}; empty keeps the source image's names
 * @param image which image of a multi-image archive to flatten (a tag or an id prefix), or null
 * @param platforms which platforms of a multi-platform image to flatten (empty: all)
 * @param allImages flatten every image of the archive
 * @param keepBase how many bottom layers to keep unchanged (0: flatten everything)
 * @param fromLayer keep the layers up to and including this one (a diff_id, a unique prefix of one,
 *     or a 1-based position), or null
 * @param format the layout of the written archive
 * @param compression of the new layer
 * @param rootfs write only the merged filesystem, as a plain (or compressed) tar
 * @param configEdits changes to the image config, in order (as {@code docker commit --change})
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
    @Nullable String image,
    List<Platform> platforms,
    boolean allImages,
    int keepBase,
    @Nullable String fromLayer,
    OutputFormat format,
    OutputCompression compression,
    boolean rootfs,
    List<ConfigEdit> configEdits,
    @Nullable Instant created,
    @Nullable Instant clampMtime,
    @Nullable Integer maxLayers,
    boolean verify,
    Reporter reporter,
    Progress progress,
    int threads,
    Path tempDir) {

  public FlattenOptions {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    configEdits = List.copyOf(configEdits);
  }

  /** The options, for messages: {@link #apiName} is the builder method that sets each. */
  public enum Option {
    TAG("tag"),
    IMAGE("image"),
    PLATFORM("platform"),
    ALL_IMAGES("allImages"),
    KEEP_BASE("keepBase"),
    FROM_LAYER("fromLayer"),
    FORMAT("format"),
    COMPRESSION("compression"),
    ROOTFS("rootfs"),
    CONFIG("config changes"),
    CREATED("created"),
    CLAMP_MTIME("clampMtime"),
    MAX_LAYERS("maxLayers"),
    VERIFY("verify"),
    THREADS("threads"),
    /** Not an option of the builder: where the result goes ({@link Output}). */
    OUTPUT("a file Output");

    private final String apiName;

    Option(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Flatten the only image to one layer, keep its names, docker format, no messages. */
  public static FlattenOptions defaults() {
    return builder().build();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.tags.addAll(tags);
    b.image = image;
    b.platforms.addAll(platforms);
    b.allImages = allImages;
    b.keepBase = keepBase;
    b.fromLayer = fromLayer;
    b.format = format;
    b.compression = compression;
    b.rootfs = rootfs;
    b.configEdits.addAll(configEdits);
    b.created = created;
    b.clampMtime = clampMtime;
    b.maxLayers = maxLayers;
    b.verify = verify;
    b.reporter = reporter;
    b.progress = progress;
    b.threads = threads;
    b.tempDir = tempDir;
    return b;
  }

  /** Builds {@link FlattenOptions}; {@link #build} checks the rules. */
  public static final class Builder {
    private final List<String> tags = new ArrayList<>();
    private @Nullable String image;
    private final List<Platform> platforms = new ArrayList<>();
    private boolean allImages;
    private int keepBase;
    private @Nullable String fromLayer;
    private OutputFormat format = OutputFormat.AUTO;
    private OutputCompression compression = OutputCompression.NONE;
    private boolean rootfs;
    private final List<ConfigEdit> configEdits = new ArrayList<>();
    private @Nullable Instant created;
    private @Nullable Instant clampMtime;
    private @Nullable Integer maxLayers;
    private boolean verify;
    private Reporter reporter = Reporter.SILENT;
    private Progress progress = Progress.NONE;
    private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    private @Nullable Path tempDir;

    private Builder() {}

    /** Adds an output tag. A name without a tag means {@code :latest}. */
    public Builder tag(String tag) {
      tags.add(tag);
      return this;
    }

    /** Which image to flatten when the archive holds several: a tag or an image id prefix. */
    public Builder image(@Nullable String image) {
      this.image = image;
      return this;
    }

    /**
     * Flattens only this platform of a multi-platform image (repeatable), matched as containerd
     * matches ({@code linux/arm64} is {@code linux/arm64/v8}); without any, every platform.
     */
    public Builder platform(Platform platform) {
      platforms.add(platform);
      return this;
    }

    /** Flatten every image of the archive (layers shared between them are read once). */
    public Builder allImages(boolean allImages) {
      this.allImages = allImages;
      return this;
    }

    /** Keep the bottom {@code layers} layers unchanged and flatten the rest onto them. */
    public Builder keepBase(int layers) {
      this.keepBase = layers;
      return this;
    }

    /** Keep the layers up to and including {@code layer} (diff_id, prefix or 1-based position). */
    public Builder fromLayer(@Nullable String layer) {
      this.fromLayer = layer;
      return this;
    }

    /** The layout of the written archive (default {@link OutputFormat#AUTO}). */
    public Builder format(OutputFormat format) {
      this.format = format;
      return this;
    }

    public Builder compression(OutputCompression compression) {
      this.compression = compression;
      return this;
    }

    /**
     * Write only the merged filesystem, as a plain (or {@link #compression compressed}) tar: one
     * image, no kept base, no format or tags.
     */
    public Builder rootfs(boolean rootfs) {
      this.rootfs = rootfs;
      return this;
    }

    /**
     * Changes the image config (repeatable, applied in order, as {@code docker commit --change}
     * applies them): a {@code LABEL} {@code K=V}, an {@code ENV} {@code K=V}, an {@code ENTRYPOINT}
     * or {@code CMD} as a JSON array or a command line, ..., or a whole Dockerfile instruction
     * ({@link ConfigEdit.Kind#CHANGE}). {@link #build} checks each value.
     */
    public Builder config(ConfigEdit.Kind kind, String value) {
      configEdits.add(new ConfigEdit(kind, value));
      return this;
    }

    /** A Dockerfile instruction ({@code LABEL build=42}), as {@code docker import --change}. */
    public Builder change(String instruction) {
      return config(ConfigEdit.Kind.CHANGE, instruction);
    }

    /** Sets the config's {@code created} and the new history entry's time. */
    public Builder created(@Nullable Instant created) {
      this.created = created;
      return this;
    }

    /** Gives entries newer than {@code time} that time. */
    public Builder clampMtime(@Nullable Instant time) {
      this.clampMtime = time;
      return this;
    }

    /** Copies an image that has at most {@code layers} layers unchanged. */
    public Builder maxLayers(int layers) {
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

    /**
     * The options, checked; tags written the way Docker does ({@code name} is {@code name:latest}).
     *
     * @throws InvalidOptionsException naming the options that break a rule
     */
    public FlattenOptions build() {
      FlattenOptions options =
          new FlattenOptions(
              OptionRules.tags(tags),
              image,
              platforms,
              allImages,
              keepBase,
              fromLayer,
              format,
              compression,
              rootfs,
              configEdits,
              created,
              clampMtime,
              maxLayers,
              verify,
              reporter,
              progress,
              threads,
              tempDir == null ? OptionRules.defaultTempDir() : tempDir);
      OptionRules.check(options);
      return options;
    }
  }
}
