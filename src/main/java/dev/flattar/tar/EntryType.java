package dev.flattar.tar;

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
}
