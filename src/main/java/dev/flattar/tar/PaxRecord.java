package dev.flattar.tar;

/**
 * One PAX extended-header record kept as it was read: key and value are raw bytes carried in
 * Latin-1 strings (see {@link TarEntry}), so binary xattr values survive unchanged.
 */
public record PaxRecord(String key, String value) {
  public static final String XATTR_PREFIX = "SCHILY.xattr.";

  public boolean isXattr() {
    return key.startsWith(XATTR_PREFIX);
  }
}
