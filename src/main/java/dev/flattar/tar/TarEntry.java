package dev.flattar.tar;

import dev.flattar.model.Texts;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The metadata of one tar member and where its data lies in the (decompressed) stream it came from.
 *
 * <p>Names, link targets, user and group names and PAX values are raw bytes carried in Latin-1
 * strings: one char per byte, so any byte sequence (including names that are not UTF-8) survives a
 * read and a write unchanged, and the strings stay compact. Use {@link #display(String)} to show
 * one to a person.
 *
 * @param size the logical size of the file (the expanded size for a sparse file)
 * @param dataOffset where the stored data begins in the stream the entry was read from
 * @param storedSize how many data bytes the archive stores (differs from size only when sparse)
 * @param sparse the sparse layout, or null for an ordinary file
 * @param extraPax PAX records to carry over (xattrs, atime, ...) other than those the writer
 *     derives from the fields above
 */
public record TarEntry(
    String name,
    EntryType type,
    int mode,
    long uid,
    long gid,
    String uname,
    String gname,
    long mtimeSeconds,
    int mtimeNanos,
    String linkName,
    int devMajor,
    int devMinor,
    long size,
    long dataOffset,
    long storedSize,
    SparseMap sparse,
    List<PaxRecord> extraPax) {

  public TarEntry {
    mode &= 07777;
    extraPax = List.copyOf(extraPax);
    if (size < 0 || storedSize < 0) {
      throw new IllegalArgumentException("negative size for " + display(name));
    }
  }

  public TarEntry withName(String newName) {
    return new TarEntry(
        newName,
        type,
        mode,
        uid,
        gid,
        uname,
        gname,
        mtimeSeconds,
        mtimeNanos,
        linkName,
        devMajor,
        devMinor,
        size,
        dataOffset,
        storedSize,
        sparse,
        extraPax);
  }

  public TarEntry withMtime(long seconds, int nanos) {
    return new TarEntry(
        name,
        type,
        mode,
        uid,
        gid,
        uname,
        gname,
        seconds,
        nanos,
        linkName,
        devMajor,
        devMinor,
        size,
        dataOffset,
        storedSize,
        sparse,
        extraPax);
  }

  /**
   * This member with the inode metadata of {@code other}: mode, owner, mtime and PAX records
   * (xattrs), keeping its own name, type, link target, devices and data.
   */
  public TarEntry withMetadataOf(TarEntry other) {
    return new TarEntry(
        name,
        type,
        other.mode,
        other.uid,
        other.gid,
        other.uname,
        other.gname,
        other.mtimeSeconds,
        other.mtimeNanos,
        linkName,
        devMajor,
        devMinor,
        size,
        dataOffset,
        storedSize,
        sparse,
        other.extraPax);
  }

  /** This member as a hard link to {@code target}, keeping its own metadata. */
  public TarEntry asHardLinkTo(String target) {
    return new TarEntry(
        name,
        EntryType.HARDLINK,
        mode,
        uid,
        gid,
        uname,
        gname,
        mtimeSeconds,
        mtimeNanos,
        target,
        0,
        0,
        0,
        0,
        0,
        null,
        extraPax);
  }

  public boolean isSparse() {
    return sparse != null;
  }

  /**
   * A Latin-1-carried byte string shown as UTF-8 text (invalid bytes become U+FFFD), with control
   * characters escaped ({@code \n}, {@code \r}, {@code \t}, else {@code \xNN}): a name inside a
   * message must neither split it into several lines nor send escape sequences to a terminal.
   */
  public static String display(String latin1) {
    return Texts.escapeControls(
        new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  /** Text (e.g. a path from the command line) converted to the Latin-1 carrier form. */
  public static String carrier(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
