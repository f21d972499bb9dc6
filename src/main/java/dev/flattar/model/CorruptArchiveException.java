package dev.flattar.model;

/** The bytes are not a well-formed archive: bad tar header, truncation, broken compression. */
public class CorruptArchiveException extends FlatTarException {
  private static final long serialVersionUID = 1L;

  public CorruptArchiveException(String message) {
    super(message);
  }

  public CorruptArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
