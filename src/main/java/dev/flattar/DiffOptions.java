package dev.flattar;

import dev.flattar.model.Platform;
import dev.flattar.model.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to compare two images ({@link FlatTar#diff}): which image of each input, and what to leave
 * out.
 *
 * @param firstImage which image of the first input (a name or an id prefix), or null for the only
 *     one
 * @param firstPlatforms which platform of it, when it has several
 * @param ignoreMtime leave modification times out
 * @param configAll compare the config's rootfs, history and created too (left out by default:
 *     flattening rewrites them)
 * @param tempDir where a stream input is spooled
 */
public record DiffOptions(
    @Nullable String firstImage,
    List<Platform> firstPlatforms,
    @Nullable String secondImage,
    List<Platform> secondPlatforms,
    boolean ignoreMtime,
    boolean configAll,
    Reporter reporter,
    Path tempDir) {

  public DiffOptions {
    firstPlatforms = List.copyOf(firstPlatforms);
    secondPlatforms = List.copyOf(secondPlatforms);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DiffOptions}. */
  public static final class Builder {
    private @Nullable String firstImage;
    private final List<Platform> firstPlatforms = new ArrayList<>();
    private @Nullable String secondImage;
    private final List<Platform> secondPlatforms = new ArrayList<>();
    private boolean ignoreMtime;
    private boolean configAll;
    private Reporter reporter = Reporter.SILENT;
    private @Nullable Path tempDir;

    private Builder() {}

    /** Which image of each input: the same name on both sides. */
    public Builder image(@Nullable String image) {
      return firstImage(image).secondImage(image);
    }

    public Builder firstImage(@Nullable String image) {
      this.firstImage = image;
      return this;
    }

    public Builder secondImage(@Nullable String image) {
      this.secondImage = image;
      return this;
    }

    /** Which platform of each input's image, when it has several. */
    public Builder platform(Platform platform) {
      return firstPlatform(platform).secondPlatform(platform);
    }

    public Builder firstPlatform(Platform platform) {
      firstPlatforms.add(platform);
      return this;
    }

    public Builder secondPlatform(Platform platform) {
      secondPlatforms.add(platform);
      return this;
    }

    public Builder ignoreMtime(boolean ignore) {
      this.ignoreMtime = ignore;
      return this;
    }

    public Builder configAll(boolean all) {
      this.configAll = all;
      return this;
    }

    public Builder reporter(Reporter reporter) {
      this.reporter = reporter;
      return this;
    }

    public Builder tempDir(Path tempDir) {
      this.tempDir = tempDir;
      return this;
    }

    public DiffOptions build() {
      return new DiffOptions(
          firstImage,
          firstPlatforms,
          secondImage,
          secondPlatforms,
          ignoreMtime,
          configAll,
          reporter,
          tempDir == null ? OptionRules.defaultTempDir() : tempDir);
    }
  }
}
