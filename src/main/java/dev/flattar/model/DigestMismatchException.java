package dev.flattar.model;

/** Content whose sha256 is not the digest the image claims for it. */
public class DigestMismatchException extends FlatTarException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String message) {
    super(message);
  }
}
