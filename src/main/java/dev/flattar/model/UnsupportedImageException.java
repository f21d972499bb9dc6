package dev.flattar.model;

/** A valid image that flat-tar deliberately does not flatten (Windows, absent foreign layers). */
public class UnsupportedImageException extends FlatTarException {
  private static final long serialVersionUID = 1L;

  public UnsupportedImageException(String message) {
    super(message);
  }
}
