package dev.flattar.diff;

import java.util.Map;

/**
 * One path of a merged filesystem, as an unpacker would make it.
 *
 * @param type {@code file}, {@code dir}, {@code symlink}, {@code char}, {@code block}, {@code fifo}
 * @param mode the 12 permission bits
 * @param mtime {@code seconds.nanoseconds}, or "" for a directory an unpacker makes as a parent
 *     (its time is the time of unpacking)
 * @param size a regular file's size (0 otherwise)
 * @param content a regular file's sha256, a symlink's target, a device's {@code major,minor}
 * @param xattrs {@code SCHILY.xattr.*} records and other PAX records, by key
 * @param linkGroup the paths sharing its inode (hard links), sorted and joined with ", "; "" for
 *     none
 */
public record FsEntry(
    String type,
    int mode,
    long uid,
    long gid,
    String mtime,
    long size,
    String content,
    Map<String, String> xattrs,
    String linkGroup) {
  public FsEntry {
    xattrs = Map.copyOf(xattrs);
  }
}
