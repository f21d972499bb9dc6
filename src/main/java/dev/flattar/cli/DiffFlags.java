package dev.flattar.cli;

import dev.flattar.DiffOptions;
import dev.flattar.model.Platform;
import dev.flattar.model.Reporter;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@code flat-tar diff A B}: which image and platform of each side, and what to
 * leave out. {@code --image} and {@code --platform} choose on both sides; the {@code -a} and {@code
 * -b} forms on one.
 */
record DiffFlags(
    @Nullable String imageA,
    @Nullable String imageB,
    List<Platform> platformsA,
    List<Platform> platformsB,
    boolean ignoreMtime,
    boolean configAll) {

  /** What diff takes besides its own flags. */
  private static final Set<Flag> SHARED =
      Set.of(
          Flag.IMAGE, Flag.PLATFORM, Flag.JSON, Flag.VERBOSE, Flag.QUIET, Flag.HELP, Flag.VERSION);

  DiffFlags {
    platformsA = List.copyOf(platformsA);
    platformsB = List.copyOf(platformsB);
  }

  static DiffFlags of(Values values) throws CliOptions.UsageException {
    String both = values.one(Flag.IMAGE);
    String a = values.one(Flag.IMAGE_A);
    String b = values.one(Flag.IMAGE_B);
    List<Platform> platforms = platforms(values, Flag.PLATFORM);
    List<Platform> pa = platforms(values, Flag.PLATFORM_A);
    List<Platform> pb = platforms(values, Flag.PLATFORM_B);
    return new DiffFlags(
        a != null ? a : both,
        b != null ? b : both,
        pa.isEmpty() ? platforms : pa,
        pb.isEmpty() ? platforms : pb,
        values.has(Flag.IGNORE_MTIME),
        values.has(Flag.CONFIG_ALL));
  }

  /** Diff's flags only with diff; with diff, only the flags it takes. */
  static void checkUse(CliOptions.Command command, Values values) throws CliOptions.UsageException {
    for (Flag flag : Flag.values()) {
      if (!values.has(flag)) {
        continue;
      }
      boolean diffs = flag.group == Flag.Group.DIFF;
      if (command == CliOptions.Command.DIFF && !diffs && !SHARED.contains(flag)) {
        throw new CliOptions.UsageException(flag.display() + " does not go with diff");
      }
      if (command != CliOptions.Command.DIFF && diffs) {
        throw new CliOptions.UsageException(flag.display() + " goes with diff");
      }
    }
  }

  DiffOptions options(Reporter reporter) {
    DiffOptions.Builder b =
        DiffOptions.builder()
            .firstImage(imageA)
            .secondImage(imageB)
            .ignoreMtime(ignoreMtime)
            .configAll(configAll)
            .reporter(reporter);
    platformsA.forEach(b::firstPlatform);
    platformsB.forEach(b::secondPlatform);
    return b.build();
  }

  private static List<Platform> platforms(Values values, Flag flag) {
    return values.all(flag).stream().map(Platform::parse).toList();
  }
}
