package dev.flattar.model;

/**
 * The archive is well-formed but does not describe a usable image: missing or malformed
 * manifest.json, index.json or config, a listed file that is absent, counts that disagree.
 */
public class InvalidImageException extends FlatTarException {
  private static final long serialVersionUID = 1L;

  public InvalidImageException(String message) {
    super(message);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
