package dev.flattar.cli;

import dev.flattar.DiffReport;
import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.FlattenResult;
import dev.flattar.ImageResult;
import dev.flattar.Input;
import dev.flattar.InspectReport;
import dev.flattar.InvalidOptionsException;
import dev.flattar.Output;
import dev.flattar.Version;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Json;
import dev.flattar.model.Progress;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The command line: a thin layer over {@link FlatTar}. {@link #run} is the whole program as a
 * function, so tests call it directly; {@code main} only wires it to the process.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintStream err;
  private final IntPredicate isTerminal;
  private final Map<String, String> env;

  Main(
      InputStream stdin,
      OutputStream stdout,
      PrintStream err,
      IntPredicate isTerminal,
      Map<String, String> env) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.err = err;
    this.isTerminal = isTerminal;
    this.env = env;
  }

  public static void main(String[] args) {
    Warm.start();
    // Temporary files of libraries (zstd-jni unpacks its native code) go where ours go: $TMPDIR.
    String tmp = System.getenv("TMPDIR");
    if (tmp != null && !tmp.isEmpty() && Files.isDirectory(Path.of(tmp))) {
      System.setProperty("java.io.tmpdir", tmp);
    }
    OutputStream stdout =
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    int code =
        new Main(System.in, stdout, System.err, Terminal::isTerminal, System.getenv()).run(args);
    System.exit(code);
  }

  /** Runs flat-tar; returns {@link #OK}, {@link #FAILURE} or {@link #USAGE}. */
  public int run(String... args) {
    CliOptions options;
    try {
      options = CliOptions.parse(List.of(args), env);
    } catch (CliOptions.UsageException e) {
      return usage(String.valueOf(e.getMessage()));
    }
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    switch (options.command()) {
      case HELP -> {
        Help.print(out);
        return OK;
      }
      case VERSION -> {
        out.println(Version.product());
        return OK;
      }
      default -> {}
    }
    StderrReporter reporter = new StderrReporter(err, options.verbose(), options.quiet());
    try {
      Progress progress =
          !options.quiet() && isTerminal.test(2) ? TerminalProgress.on(err) : Progress.NONE;
      if (options.command() == CliOptions.Command.DIFF) {
        return diff(options, reporter, out);
      }
      FlattenOptions flatten = options.flattenOptions(reporter, progress);
      if (options.command() == CliOptions.Command.INSPECT) {
        InspectReport report = FlatTar.inspect(input(options), flatten);
        if (options.json()) {
          InspectFormat.json(report, out);
        } else {
          InspectFormat.table(report, out);
        }
        return OK;
      }
      return flatten(options, flatten, reporter);
    } catch (CliOptions.UsageException e) {
      return usage(String.valueOf(e.getMessage()));
    } catch (InvalidOptionsException e) {
      return usage(e.message(Flag::nameOf));
    } catch (FlatTarException e) {
      return failure(String.valueOf(e.getMessage()), e, options);
    } catch (IOException e) {
      return failure(Failures.describe(e), e, options);
    } catch (OutOfMemoryError e) {
      err.println("flat-tar: out of memory; give the JVM more heap (FLAT_TAR_JAVA_OPTS=-Xmx4g)");
      return FAILURE;
    } catch (RuntimeException e) {
      return failure("internal error (please report it): " + e, e, options);
    }
  }

  private int flatten(CliOptions options, FlattenOptions flatten, StderrReporter reporter)
      throws CliOptions.UsageException, FlatTarException, IOException {
    Path outputPath = options.output();
    if (outputPath == null && isTerminal.test(1)) {
      throw new CliOptions.UsageException(
          "refusing to write a binary archive to a terminal; use -o FILE or redirect stdout");
    }
    Input input = input(options);
    Output output;
    if (outputPath == null) {
      output = Output.stream(stdout);
    } else if (options.outputDirectory()) {
      output =
          options.replace() ? Output.replacingDirectory(outputPath) : Output.directory(outputPath);
    } else {
      output = options.inPlace() ? Output.replacingInput(outputPath) : Output.file(outputPath);
    }
    FlattenResult result = FlatTar.flatten(input, output, flatten);
    result.summary().forEach(reporter::info);
    for (ImageResult r : result.images()) {
      reporter.verbose(
          r.imageId() == null
              ? "wrote the merged filesystem: " + r.layerSize() + " bytes, " + r.diffId()
              : "wrote "
                  + r.imageId()
                  + " ("
                  + r.layerSize()
                  + "-byte layer "
                  + r.diffId()
                  + ")"
                  + (r.tags().isEmpty() ? ", untagged" : " as " + String.join(", ", r.tags())));
    }
    stdout.flush();
    return OK;
  }

  /**
   * {@code flat-tar diff A B}: 0 when the images have the same filesystem and config, 1 when they
   * differ, 2 for anything else (a usage error, an input that cannot be read), as diff(1) does. One
   * side may be {@code -}, standard input.
   */
  private int diff(CliOptions options, StderrReporter reporter, PrintStream out) {
    Path first = options.input();
    Path second = options.second();
    try {
      DiffReport report =
          FlatTar.diff(
              first == null ? Input.stream(stdin) : Input.file(first),
              second == null ? Input.stream(stdin) : Input.file(second),
              options.diff().options(reporter));
      if (options.json()) {
        DiffFormat.json(report, out);
      } else if (!options.quiet() || !report.same()) {
        DiffFormat.text(report, options.verbose(), out);
      }
      return report.same() ? OK : FAILURE;
    } catch (FlatTarException e) {
      failure(String.valueOf(e.getMessage()), e, options);
    } catch (IOException e) {
      failure(Failures.describe(e), e, options);
    }
    return USAGE;
  }

  private Input input(CliOptions options) throws CliOptions.UsageException {
    Path path = options.input();
    if (path != null) {
      return Input.file(path);
    }
    if (isTerminal.test(0)) {
      throw new CliOptions.UsageException(
          "no input: name an archive or pipe one in (docker save IMAGE | flat-tar > out.tar)");
    }
    return Input.stream(stdin);
  }

  private int usage(String message) {
    err.println("flat-tar: " + message);
    err.println("Try 'flat-tar --help' for more information.");
    return USAGE;
  }

  private int failure(String message, Throwable e, CliOptions options) {
    err.println("flat-tar: " + message);
    if (options.verbose()) {
      e.printStackTrace(err);
    }
    return FAILURE;
  }

  /**
   * Initialises, on a second core, what every run needs soon and takes long to set up: the JSON
   * parser, generator and tree classes, and the sha256 provider.
   */
  private static final class Warm implements Runnable {
    static void start() {
      Thread t = new Thread(new Warm(), "flat-tar-warm");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void run() {
      Json.warmUp();
      Digest.sha256();
    }
  }
}
