package dev.flattar.tar;

import org.jspecify.annotations.Nullable;

/** What a tar member is once the format's variants are folded together. */
public enum EntryType {
  FILE('0'),
  HARDLINK('1'),
  SYMLINK('2'),
  CHAR_DEVICE('3'),
  BLOCK_DEVICE('4'),
  DIRECTORY('5'),
  FIFO('6');

  private final byte flag;

  EntryType(char flag) {
    this.flag = (byte) flag;
  }

  /** The typeflag byte written for this type. */
  public byte flag() {
    return flag;
  }

  public boolean isDirectory() {
    return this == DIRECTORY;
  }

  /** Whether the member carries data bytes in the archive (only regular files do). */
  public boolean hasData() {
    return this == FILE;
  }

  /**
   * The type a header's typeflag gives, Go's way: an old-style regular file ({@code \0}) whose name
   * ends in {@code /} is a directory; contiguous files ({@code 7}) and GNU sparse files ({@code S})
   * are regular files; GNU dump directories ({@code D}) are directories.
   *
   * @return null for a typeflag that names no type flat-tar can write
   */
  public static @Nullable EntryType of(byte flag, String name) {
    return switch (flag) {
      case 0 -> name.endsWith("/") ? DIRECTORY : FILE;
      case '0', '7', 'S' -> FILE;
      case '1' -> HARDLINK;
      case '2' -> SYMLINK;
      case '3' -> CHAR_DEVICE;
      case '4' -> BLOCK_DEVICE;
      case '5', 'D' -> DIRECTORY;
      case '6' -> FIFO;
      default -> null;
    };
  }
}
