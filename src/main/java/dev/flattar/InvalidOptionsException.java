package dev.flattar;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Options that cannot go together, or a value an option does not take. {@link #getMessage} names
 * options the way the API does ({@code keepBase}); {@link #message} names them another way (the
 * command line's {@code --keep-base}).
 */
public final class InvalidOptionsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Writes the message, given how to name each option. */
  @FunctionalInterface
  interface Wording {
    String write(Function<FlattenOptions.Option, String> name);
  }

  private final transient @Nullable Wording wording;
  private final List<FlattenOptions.Option> options;

  InvalidOptionsException(Wording wording, FlattenOptions.Option... options) {
    super(wording.write(FlattenOptions.Option::apiName));
    this.wording = wording;
    this.options = List.of(options);
  }

  /** The options the message is about. */
  public List<FlattenOptions.Option> options() {
    return options;
  }

  /** The message with each option named by {@code name}. */
  public String message(Function<FlattenOptions.Option, String> name) {
    Wording w = wording;
    return w == null ? String.valueOf(getMessage()) : w.write(name);
  }
}
