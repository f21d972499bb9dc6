package dev.flattar.tar;

import dev.flattar.model.Texts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

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
    @Nullable SparseMap sparse,
    List<PaxRecord> extraPax) {

  public TarEntry {
    mode &= 07777;
    extraPax = List.copyOf(extraPax);
    if (size < 0 || storedSize < 0) {
      throw new IllegalArgumentException("negative size for " + display(name));
    }
  }

  /** A member with nothing but a name and a type: mode 0, owned by root, time 0, no data. */
  public static Builder builder(String name, EntryType type) {
    return new Builder(name, type);
  }

  /** A builder that starts from this member. */
  public Builder toBuilder() {
    Builder b = new Builder(name, type);
    b.mode = mode;
    b.uid = uid;
    b.gid = gid;
    b.uname = uname;
    b.gname = gname;
    b.mtimeSeconds = mtimeSeconds;
    b.mtimeNanos = mtimeNanos;
    b.linkName = linkName;
    b.devMajor = devMajor;
    b.devMinor = devMinor;
    b.size = size;
    b.dataOffset = dataOffset;
    b.storedSize = storedSize;
    b.sparse = sparse;
    b.extraPax = extraPax;
    return b;
  }

  public TarEntry withName(String newName) {
    return toBuilder().name(newName).build();
  }

  public TarEntry withMtime(long seconds, int nanos) {
    return toBuilder().mtime(seconds, nanos).build();
  }

  /**
   * This member with the inode metadata of {@code other}: mode, owner, mtime and PAX records
   * (xattrs), keeping its own name, type, link target, devices and data.
   */
  public TarEntry withMetadataOf(TarEntry other) {
    return toBuilder()
        .mode(other.mode)
        .owner(other.uid, other.gid, other.uname, other.gname)
        .mtime(other.mtimeSeconds, other.mtimeNanos)
        .extraPax(other.extraPax)
        .build();
  }

  /** This member as a hard link to {@code target}, keeping its own metadata. */
  public TarEntry asHardLinkTo(String target) {
    return toBuilder()
        .type(EntryType.HARDLINK)
        .linkName(target)
        .device(0, 0)
        .data(0, 0, 0)
        .sparse(null)
        .build();
  }

  /** This member without some of its PAX records. */
  public TarEntry withoutPax(Predicate<PaxRecord> drop) {
    return toBuilder().extraPax(extraPax.stream().filter(drop.negate()).toList()).build();
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

  /** Builds a {@link TarEntry} field by field; what is not set is zero or empty. */
  public static final class Builder {
    private String name;
    private EntryType type;
    private int mode;
    private long uid;
    private long gid;
    private String uname = "";
    private String gname = "";
    private long mtimeSeconds;
    private int mtimeNanos;
    private String linkName = "";
    private int devMajor;
    private int devMinor;
    private long size;
    private long dataOffset;
    private long storedSize;
    private @Nullable SparseMap sparse;
    private List<PaxRecord> extraPax = List.of();

    private Builder(String name, EntryType type) {
      this.name = name;
      this.type = type;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder type(EntryType type) {
      this.type = type;
      return this;
    }

    /** The permission bits and setuid, setgid and sticky (the 12 low bits are kept). */
    public Builder mode(int mode) {
      this.mode = mode;
      return this;
    }

    public Builder owner(long uid, long gid, String uname, String gname) {
      this.uid = uid;
      this.gid = gid;
      this.uname = uname;
      this.gname = gname;
      return this;
    }

    public Builder mtime(long seconds, int nanos) {
      this.mtimeSeconds = seconds;
      this.mtimeNanos = nanos;
      return this;
    }

    /** A symlink's or hard link's target. */
    public Builder linkName(String linkName) {
      this.linkName = linkName;
      return this;
    }

    public Builder device(int major, int minor) {
      this.devMajor = major;
      this.devMinor = minor;
      return this;
    }

    /**
     * Where the data is and how much of it.
     *
     * @param size the logical size (expanded, for a sparse file)
     * @param offset where the stored data begins in the stream the member came from
     * @param stored how many data bytes are stored there
     */
    public Builder data(long size, long offset, long stored) {
      this.size = size;
      this.dataOffset = offset;
      this.storedSize = stored;
      return this;
    }

    public Builder sparse(@Nullable SparseMap sparse) {
      this.sparse = sparse;
      return this;
    }

    public Builder extraPax(List<PaxRecord> extraPax) {
      this.extraPax = extraPax;
      return this;
    }

    public TarEntry build() {
      return new TarEntry(
          name,
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
  }
}
