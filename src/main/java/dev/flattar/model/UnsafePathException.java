package dev.flattar.model;

/** A layer entry or link whose name escapes the image root. */
public class UnsafePathException extends FlatTarException {
  private static final long serialVersionUID = 1L;

  public UnsafePathException(String message) {
    super(message);
  }
}
