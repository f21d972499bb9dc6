package dev.flattar.model;

/**
 * A problem with what flat-tar was given (the input archive, the options, the output place), as
 * opposed to a bug. The message is one line meant for the user: control characters that names from
 * the input bring into it are escaped ({@link Texts#escapeControls}).
 */
public class FlatTarException extends Exception {
  private static final long serialVersionUID = 1L;

  public FlatTarException(String message) {
    super(Texts.escapeControls(message));
  }

  public FlatTarException(String message, Throwable cause) {
    super(Texts.escapeControls(message), cause);
  }
}
