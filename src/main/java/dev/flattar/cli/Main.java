package dev.flattar.cli;

import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.FlattenResult;
import dev.flattar.Version;
import dev.flattar.model.FlatTarException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * The command line. {@link #run} is the whole program as a function, so tests call it directly;
 * {@code main} only wires it to the process.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintStream err;
  private final IntPredicate isTerminal;

  Main(InputStream stdin, OutputStream stdout, PrintStream err, IntPredicate isTerminal) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.err = err;
    this.isTerminal = isTerminal;
  }

  public static void main(String[] args) {
    OutputStream stdout =
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20);
    int code = new Main(System.in, stdout, System.err, Terminal::isTerminal).run(args);
    System.exit(code);
  }

  /** Runs flat-tar; returns {@link #OK}, {@link #FAILURE} or {@link #USAGE}. */
  public int run(String... args) {
    CliOptions options;
    try {
      options = CliOptions.parse(args);
    } catch (CliOptions.UsageException e) {
      err.println("flat-tar: " + e.getMessage());
      err.println("Try 'flat-tar --help' for more information.");
      return USAGE;
    }
    if (options.help()) {
      CliOptions.printHelp(new PrintStream(stdout, true));
      return OK;
    }
    if (options.version()) {
      PrintStream out = new PrintStream(stdout, true);
      out.println(Version.product());
      return OK;
    }
    StderrReporter reporter = new StderrReporter(err, options.verbose(), options.quiet());
    try {
      return flatten(options, reporter);
    } catch (CliOptions.UsageException e) {
      err.println("flat-tar: " + e.getMessage());
      err.println("Try 'flat-tar --help' for more information.");
      return USAGE;
    } catch (FlatTarException e) {
      err.println("flat-tar: " + e.getMessage());
      if (options.verbose()) {
        e.printStackTrace(err);
      }
      return FAILURE;
    } catch (IOException e) {
      err.println("flat-tar: " + Failures.describe(e));
      if (options.verbose()) {
        e.printStackTrace(err);
      }
      return FAILURE;
    } catch (OutOfMemoryError e) {
      err.println("flat-tar: out of memory; give the JVM more heap (e.g. java -Xmx4g -jar ...)");
      return FAILURE;
    } catch (RuntimeException e) {
      err.println("flat-tar: internal error (please report it): " + e);
      if (options.verbose()) {
        e.printStackTrace(err);
      }
      return FAILURE;
    }
  }

  private int flatten(CliOptions options, StderrReporter reporter)
      throws CliOptions.UsageException, FlatTarException, IOException {
    FlattenOptions.Builder builder =
        FlattenOptions.builder().reporter(reporter).image(options.image());
    for (String tag : options.tags()) {
      try {
        builder.tag(tag);
      } catch (IllegalArgumentException e) {
        throw new CliOptions.UsageException(e.getMessage());
      }
    }
    FlattenOptions flatten = builder.build();
    Path input = options.input();
    Path output = options.output();
    if (input == null && isTerminal.test(0)) {
      throw new CliOptions.UsageException(
          "no input: name an archive or pipe one in (docker save IMAGE | flat-tar > out.tar)");
    }
    if (output == null && isTerminal.test(1)) {
      throw new CliOptions.UsageException(
          "refusing to write a binary archive to a terminal; use -o FILE or redirect stdout");
    }
    FlattenResult result;
    if (output != null) {
      result =
          input != null
              ? FlatTar.flatten(input, output, flatten)
              : FlatTar.flatten(stdin, output, flatten);
    } else {
      result =
          input != null
              ? FlatTar.flatten(input, stdout, flatten)
              : FlatTar.flatten(stdin, stdout, flatten);
      stdout.flush();
    }
    reporter.verbose(
        "wrote "
            + result.imageId()
            + " ("
            + result.layerSize()
            + "-byte layer "
            + result.diffId()
            + ")"
            + (result.tags().isEmpty() ? ", untagged" : " as " + String.join(", ", result.tags())));
    return OK;
  }
}
