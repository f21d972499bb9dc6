package dev.flattar.cli;

import dev.flattar.ConfigEdit;
import dev.flattar.FlattenOptions;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Platform;
import dev.flattar.model.Progress;
import dev.flattar.model.Reporter;
import dev.flattar.model.Times;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.jspecify.annotations.Nullable;

/**
 * The parsed command line: values only. The rules about options together are {@link
 * FlattenOptions}'; {@link #flattenOptions} applies them once, and {@link Main} tells their
 * messages in the command line's words.
 *
 * @param keepBase null when not given, as are the other options without a default here
 */
record CliOptions(
    Command command,
    @Nullable Path input,
    @Nullable Path output,
    boolean outputDirectory,
    boolean replace,
    boolean inPlace,
    boolean json,
    boolean verbose,
    boolean quiet,
    List<String> tags,
    @Nullable String image,
    List<Platform> platforms,
    boolean allImages,
    @Nullable Integer keepBase,
    @Nullable String fromLayer,
    @Nullable OutputFormat format,
    @Nullable OutputCompression compression,
    boolean rootfs,
    List<ConfigEdit> configEdits,
    @Nullable Instant created,
    @Nullable Instant clampMtime,
    @Nullable Integer maxLayers,
    boolean verify,
    @Nullable Path second,
    DiffFlags diff) {

  CliOptions {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
    configEdits = List.copyOf(configEdits);
  }

  /** What to do. */
  enum Command {
    FLATTEN,
    INSPECT,
    DIFF,
    HELP,
    VERSION
  }

  /** A command line that cannot be run as given (exit status 2). */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses the arguments; {@code env} supplies SOURCE_DATE_EPOCH (the command line is the only
   * place the environment is read).
   */
  static CliOptions parse(List<String> arguments, Map<String, String> env) throws UsageException {
    List<String> args = ArgFiles.expand(arguments);
    Command command = Command.FLATTEN;
    if (!args.isEmpty() && args.get(0).equals("inspect")) {
      command = Command.INSPECT;
      args = args.subList(1, args.size());
    } else if (!args.isEmpty() && args.get(0).equals("diff")) {
      command = Command.DIFF;
      args = args.subList(1, args.size());
    }
    OptionParser parser = new OptionParser();
    Map<Flag, OptionSpec<?>> specs = new EnumMap<>(Flag.class);
    for (Flag flag : Flag.values()) {
      var spec = parser.acceptsAll(flag.spellings());
      specs.put(flag, flag.takesValue() ? spec.withRequiredArg() : spec);
    }
    OptionSpec<String> positional = parser.nonOptions();
    OptionSet set;
    try {
      set = parser.parse(args.toArray(new String[0]));
    } catch (OptionException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
    Values values = new Values(set, specs);
    if (values.has(Flag.HELP)) {
      command = Command.HELP;
    } else if (values.has(Flag.VERSION)) {
      command = Command.VERSION;
    } else if (values.has(Flag.DRY_RUN)) {
      command = Command.INSPECT;
    }
    List<String> inputs = set.valuesOf(positional);
    DiffFlags.checkUse(command, values);
    if (command == Command.DIFF && inputs.size() != 2) {
      throw new UsageException(
          "diff compares two images: flat-tar diff [OPTIONS] A B (got " + inputs.size() + ")");
    }
    if (command == Command.DIFF && inputs.stream().allMatch("-"::equals)) {
      throw new UsageException("diff reads at most one image from standard input (-)");
    }
    if (command != Command.DIFF && inputs.size() > 1) {
      throw new UsageException(
          "expected one INPUT, got " + inputs.size() + ": " + String.join(" ", inputs));
    }
    if (values.has(Flag.VERBOSE) && values.has(Flag.QUIET)) {
      throw new UsageException("--verbose and --quiet exclude each other");
    }
    if (values.has(Flag.JSON) && command != Command.INSPECT && command != Command.DIFF) {
      throw new UsageException("--json goes with inspect (or --dry-run) and diff");
    }
    Path input = path(inputs.isEmpty() ? null : inputs.get(0));
    String outputArg = values.one(Flag.OUTPUT);
    Path output = path(outputArg);
    boolean outputDirectory = output != null && outputArg != null && outputArg.endsWith("/");
    if (values.has(Flag.REPLACE) && !outputDirectory) {
      throw new UsageException("--replace goes with a directory output (-o DIR/)");
    }
    if (values.has(Flag.IN_PLACE)) {
      if (input == null || Files.isDirectory(input)) {
        throw new UsageException("--in-place needs an INPUT archive file");
      }
      output = output == null ? input : output;
    }
    try {
      return new CliOptions(
          command,
          input,
          output,
          outputDirectory,
          values.has(Flag.REPLACE),
          values.has(Flag.IN_PLACE),
          values.has(Flag.JSON),
          values.has(Flag.VERBOSE),
          values.has(Flag.QUIET),
          values.all(Flag.TAG),
          values.one(Flag.IMAGE),
          values.all(Flag.PLATFORM).stream().map(Platform::parse).toList(),
          values.has(Flag.ALL_IMAGES),
          values.number(Flag.KEEP_BASE),
          values.one(Flag.FROM_LAYER),
          values.parsed(Flag.FORMAT, OutputFormat::parse),
          values.parsed(Flag.COMPRESS, OutputCompression::parse),
          values.has(Flag.ROOTFS),
          values.configEdits(),
          createdTime(values.one(Flag.CREATED), env.get("SOURCE_DATE_EPOCH")),
          values.parsed(Flag.CLAMP_MTIME, Times::parse),
          values.number(Flag.MAX_LAYERS),
          values.has(Flag.VERIFY),
          command == Command.DIFF ? path(inputs.get(1)) : null,
          DiffFlags.of(values));
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  /**
   * The options for the API, made once.
   *
   * @throws dev.flattar.InvalidOptionsException when they break one of its rules
   */
  FlattenOptions flattenOptions(Reporter reporter, Progress progress) {
    FlattenOptions.Builder b = FlattenOptions.builder().reporter(reporter).progress(progress);
    tags.forEach(b::tag);
    platforms.forEach(b::platform);
    configEdits.forEach(e -> b.config(e.kind(), e.value()));
    b.image(image).allImages(allImages).fromLayer(fromLayer);
    if (keepBase != null) {
      b.keepBase(keepBase);
    }
    if (format != null) {
      b.format(format);
    }
    if (compression != null) {
      b.compression(compression);
    }
    if (maxLayers != null) {
      b.maxLayers(maxLayers);
    }
    return b.rootfs(rootfs).created(created).clampMtime(clampMtime).verify(verify).build();
  }

  private static @Nullable Path path(@Nullable String arg) {
    return arg == null || arg.equals("-") ? null : Path.of(arg);
  }

  /** --created wins over SOURCE_DATE_EPOCH (reproducible-builds.org), which must be an integer. */
  private static @Nullable Instant createdTime(
      @Nullable String created, @Nullable String sourceDateEpoch) {
    if (created != null) {
      return Times.parse(created);
    }
    if (sourceDateEpoch == null || sourceDateEpoch.isEmpty()) {
      return null;
    }
    if (!sourceDateEpoch.matches("\\d{1,12}")) {
      throw new IllegalArgumentException(
          "SOURCE_DATE_EPOCH must be seconds since 1970, got '" + sourceDateEpoch + "'");
    }
    return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch));
  }
}
