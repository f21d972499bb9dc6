package dev.flattar.cli;

import dev.flattar.FlattenOptions;
import dev.flattar.model.OutputCompression;
import dev.flattar.model.OutputFormat;
import dev.flattar.model.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** The parsed command line. */
record CliOptions(
    Command command,
    Path input,
    Path output,
    boolean inPlace,
    boolean rootfs,
    boolean json,
    boolean verbose,
    boolean quiet,
    FlattenOptions.Builder flatten) {

  /** What to do. */
  enum Command {
    FLATTEN,
    INSPECT,
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
    List<String> args = ArgFiles.expand(arguments, WITH_VALUES);
    Command command = Command.FLATTEN;
    if (!args.isEmpty() && args.get(0).equals("inspect")) {
      command = Command.INSPECT;
      args = args.subList(1, args.size());
    }
    OptionParser parser = new OptionParser();
    OptionSpec<String> output = parser.acceptsAll(List.of("o", "output")).withRequiredArg();
    OptionSpec<String> tag = parser.acceptsAll(List.of("t", "tag")).withRequiredArg();
    OptionSpec<String> image = parser.accepts("image").withRequiredArg();
    OptionSpec<Void> allImages = parser.accepts("all-images");
    OptionSpec<String> keepBase = parser.accepts("keep-base").withRequiredArg();
    OptionSpec<String> fromLayer = parser.accepts("from-layer").withRequiredArg();
    OptionSpec<String> format = parser.accepts("format").withRequiredArg();
    OptionSpec<String> compress = parser.accepts("compress").withRequiredArg();
    OptionSpec<Void> rootfs = parser.accepts("rootfs");
    OptionSpec<String> created = parser.accepts("created").withRequiredArg();
    OptionSpec<String> clamp = parser.accepts("clamp-mtime").withRequiredArg();
    OptionSpec<String> maxLayers = parser.accepts("max-layers").withRequiredArg();
    OptionSpec<Void> inPlace = parser.accepts("in-place");
    OptionSpec<Void> verify = parser.accepts("verify");
    OptionSpec<Void> dryRun = parser.accepts("dry-run");
    OptionSpec<Void> json = parser.accepts("json");
    OptionSpec<Void> verbose = parser.acceptsAll(List.of("v", "verbose"));
    OptionSpec<Void> quiet = parser.acceptsAll(List.of("q", "quiet"));
    OptionSpec<Void> help = parser.acceptsAll(List.of("h", "help"));
    OptionSpec<Void> version = parser.accepts("version");
    OptionSpec<String> positional = parser.nonOptions();
    OptionSet set;
    try {
      set = parser.parse(args.toArray(new String[0]));
    } catch (OptionException e) {
      throw new UsageException(e.getMessage());
    }
    if (set.has(help)) {
      command = Command.HELP;
    } else if (set.has(version)) {
      command = Command.VERSION;
    } else if (set.has(dryRun)) {
      command = Command.INSPECT;
    }
    List<String> inputs = set.valuesOf(positional);
    if (inputs.size() > 1) {
      throw new UsageException(
          "expected one INPUT, got " + inputs.size() + ": " + String.join(" ", inputs));
    }
    for (OptionSpec<?> once :
        List.of(output, image, keepBase, fromLayer, format, compress, created, clamp, maxLayers)) {
      if (set.valuesOf(once).size() > 1) {
        throw new UsageException(
            "--" + once.options().get(once.options().size() - 1) + " may be given once");
      }
    }
    if (set.has(verbose) && set.has(quiet)) {
      throw new UsageException("--verbose and --quiet exclude each other");
    }
    String in = inputs.isEmpty() ? null : inputs.get(0);
    String out = set.valueOf(output);
    Path inputPath = in == null || in.equals("-") ? null : Path.of(in);
    Path outputPath = out == null || out.equals("-") ? null : Path.of(out);
    if (set.has(inPlace)) {
      if (inputPath == null) {
        throw new UsageException("--in-place needs an INPUT file");
      }
      if (outputPath == null) {
        outputPath = inputPath;
      }
    }
    if (set.has(verify) && outputPath == null) {
      throw new UsageException("--verify reads the output back, so it needs -o FILE");
    }
    if (set.has(json) && command != Command.INSPECT) {
      throw new UsageException("--json goes with inspect (or --dry-run)");
    }
    FlattenOptions.Builder builder = FlattenOptions.builder();
    try {
      set.valuesOf(tag).forEach(builder::tag);
      builder.image(set.valueOf(image)).allImages(set.has(allImages));
      if (set.has(keepBase)) {
        builder.keepBase(number(set.valueOf(keepBase), "--keep-base"));
      }
      builder.fromLayer(set.valueOf(fromLayer));
      if (set.has(format)) {
        builder.format(OutputFormat.parse(set.valueOf(format)));
      }
      if (set.has(compress)) {
        builder.compression(OutputCompression.parse(set.valueOf(compress)));
      }
      Instant when = createdTime(set.valueOf(created), env.get("SOURCE_DATE_EPOCH"));
      if (when != null) {
        builder.created(when);
      }
      if (set.has(clamp)) {
        builder.clampMtime(Times.parse(set.valueOf(clamp)));
      }
      builder.verify(set.has(verify));
      if (set.has(maxLayers)) {
        builder.maxLayers(number(set.valueOf(maxLayers), "--max-layers"));
      }
      builder.build(); // validates combinations now, as a usage error
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    boolean imageOptions =
        set.has(format)
            || set.has(tag)
            || set.has(keepBase)
            || set.has(fromLayer)
            || set.has(allImages);
    if (set.has(rootfs) && imageOptions) {
      throw new UsageException(
          "--rootfs writes one plain filesystem tar: it takes no --format, --tag, --keep-base,"
              + " --from-layer or --all-images");
    }
    return new CliOptions(
        command,
        inputPath,
        outputPath,
        set.has(inPlace),
        set.has(rootfs),
        set.has(json),
        set.has(verbose),
        set.has(quiet),
        builder);
  }

  /** --created wins over SOURCE_DATE_EPOCH (reproducible-builds.org), which must be an integer. */
  private static Instant createdTime(String created, String sourceDateEpoch) {
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

  private static int number(String text, String option) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a number, got '" + text + "'");
    }
  }

  /** Options that take a value: the word after one is its value, never an argument file. */
  private static final java.util.Set<String> WITH_VALUES =
      java.util.Set.of(
          "-o",
          "--output",
          "-t",
          "--tag",
          "--image",
          "--keep-base",
          "--from-layer",
          "--format",
          "--compress",
          "--created",
          "--clamp-mtime",
          "--max-layers");

  /**
   * {@code @FILE} arguments: the file's lines, one argument each (Bazel's param file format). A
   * word that is an option's value ({@code --clamp-mtime @1700000000}) is left alone.
   */
  static final class ArgFiles {
    private ArgFiles() {}

    static List<String> expand(List<String> args, java.util.Set<String> withValues)
        throws UsageException {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        boolean isValue = i > 0 && withValues.contains(args.get(i - 1));
        if (arg.startsWith("@") && arg.length() > 1 && !isValue) {
          try {
            for (String line : Files.readAllLines(Path.of(arg.substring(1)))) {
              if (!line.isEmpty()) {
                out.add(line);
              }
            }
          } catch (IOException e) {
            throw new UsageException("cannot read argument file '" + arg.substring(1) + "'");
          }
        } else {
          out.add(arg);
        }
      }
      return out;
    }
  }
}
