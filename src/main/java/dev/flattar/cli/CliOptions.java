package dev.flattar.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** The parsed command line. */
record CliOptions(
    Path input,
    Path output,
    List<String> tags,
    String image,
    boolean verbose,
    boolean quiet,
    boolean help,
    boolean version) {

  /** A command line that cannot be run as given (exit status 2). */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static CliOptions parse(String... args) throws UsageException {
    OptionParser parser = new OptionParser();
    OptionSpec<String> output = parser.acceptsAll(List.of("o", "output")).withRequiredArg();
    OptionSpec<String> tag = parser.acceptsAll(List.of("t", "tag")).withRequiredArg();
    OptionSpec<String> image = parser.accepts("image").withRequiredArg();
    OptionSpec<Void> verbose = parser.acceptsAll(List.of("v", "verbose"));
    OptionSpec<Void> quiet = parser.acceptsAll(List.of("q", "quiet"));
    OptionSpec<Void> help = parser.acceptsAll(List.of("h", "help"));
    OptionSpec<Void> version = parser.accepts("version");
    OptionSpec<String> positional = parser.nonOptions();
    OptionSet set;
    try {
      set = parser.parse(args);
    } catch (OptionException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> inputs = set.valuesOf(positional);
    if (inputs.size() > 1) {
      throw new UsageException(
          "expected one INPUT, got " + inputs.size() + ": " + String.join(" ", inputs));
    }
    if (set.valuesOf(output).size() > 1 || set.valuesOf(image).size() > 1) {
      throw new UsageException("-o/--output and --image may each be given once");
    }
    if (set.has(verbose) && set.has(quiet)) {
      throw new UsageException("--verbose and --quiet exclude each other");
    }
    String in = inputs.isEmpty() ? null : inputs.get(0);
    String out = set.valueOf(output);
    return new CliOptions(
        in == null || in.equals("-") ? null : Path.of(in),
        out == null || out.equals("-") ? null : Path.of(out),
        set.valuesOf(tag),
        set.valueOf(image),
        set.has(verbose),
        set.has(quiet),
        set.has(help),
        set.has(version));
  }

  static void printHelp(PrintStream out) {
    out.print(
        """
        Usage: flat-tar [OPTIONS] [INPUT]

        Flattens a docker-save archive into an image with a single layer: same filesystem
        (whiteouts applied, hard links, xattrs, modes and owners kept), same config, same
        names. Works offline, without a Docker daemon.

        INPUT is an image archive (docker save, podman save, skopeo, crane, kaniko, jib,
        Bazel, OCI layout; plain or gzip/bzip2/xz/zstd-compressed). Without INPUT, or
        with -, the archive is read from standard input.

        Options:
          -o, --output FILE   write the flattened archive to FILE (default: standard
                              output). FILE appears only when complete.
          -t, --tag NAME:TAG  name the output image (repeatable); without -t the input's
                              names are kept. A name without a tag means NAME:latest.
              --image REF     which image to flatten when the archive holds several: a
                              tag (busybox, busybox:1.36) or an image id prefix (sha256:ab12)
          -v, --verbose       explain each step; show stack traces on errors
          -q, --quiet         print nothing but errors
          -h, --help          show this help
              --version       show the version

        Examples:
          docker save app:1.0 | flat-tar > app-flat.tar
          flat-tar -o app-flat.tar -t app:flat app.tar
          flat-tar --image busybox:latest -o busybox-flat.tar two-images.tar

        Exit status: 0 success, 1 failure (bad input, I/O error; nothing is written),
        2 usage error.
        """);
  }
}
