package dev.flattar.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A sha256 content digest, always 64 lower-case hex characters. */
public record Digest(String hex) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public Digest {
    if (!HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 hex digest: '" + hex + "'");
    }
  }

  /** Parses {@code sha256:<64 hex>}; returns null when {@code text} is not of that form. */
  public static @Nullable Digest parseOrNull(@Nullable String text) {
    if (text == null || !text.startsWith("sha256:")) {
      return null;
    }
    String hex = text.substring("sha256:".length());
    return HEX64.matcher(hex).matches() ? new Digest(hex) : null;
  }

  /** Parses {@code sha256:<64 hex>}, rejecting anything else. */
  public static Digest parse(String text) {
    Digest digest = parseOrNull(text);
    if (digest == null) {
      throw new IllegalArgumentException("not a sha256 digest: '" + text + "'");
    }
    return digest;
  }

  public static Digest of(MessageDigest finished) {
    return new Digest(HexFormat.of().formatHex(finished.digest()));
  }

  public static Digest of(byte[] bytes) {
    MessageDigest sha = sha256();
    sha.update(bytes);
    return of(sha);
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The first 12 hex characters, as Docker shows image ids. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }

  // equals and hashCode written out: a record's generated ones are linked on first use through
  // method handles (ObjectMethods), which costs milliseconds of start-up; these run on every start.
  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && d.hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }
}
