package dev.flattar.testing;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.TarEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A layer member to build in a test: a header and its data, changed by small withers. */
public record Member(TarEntry header, byte[] data) {
  private static final long MTIME = 1_600_000_000L;

  public static Member file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public static Member file(String name, byte[] content) {
    return new Member(entry(name, EntryType.FILE, 0644, "", content.length), content);
  }

  public static Member dir(String name) {
    return new Member(
        entry(name.endsWith("/") ? name : name + "/", EntryType.DIRECTORY, 0755, "", 0),
        new byte[0]);
  }

  public static Member symlink(String name, String target) {
    return new Member(entry(name, EntryType.SYMLINK, 0777, target, 0), new byte[0]);
  }

  public static Member hardlink(String name, String target) {
    return new Member(entry(name, EntryType.HARDLINK, 0644, target, 0), new byte[0]);
  }

  public static Member fifo(String name) {
    return new Member(entry(name, EntryType.FIFO, 0644, "", 0), new byte[0]);
  }

  public static Member charDevice(String name, int major, int minor) {
    TarEntry e = entry(name, EntryType.CHAR_DEVICE, 0666, "", 0);
    return new Member(
        new TarEntry(
            e.name(),
            e.type(),
            e.mode(),
            e.uid(),
            e.gid(),
            e.uname(),
            e.gname(),
            e.mtimeSeconds(),
            e.mtimeNanos(),
            e.linkName(),
            major,
            minor,
            0,
            0,
            0,
            null,
            List.of()),
        new byte[0]);
  }

  /** {@code dir/.wh.name}: deletes {@code dir/name} from lower layers. */
  public static Member whiteout(String path) {
    int slash = path.lastIndexOf('/');
    String name =
        slash < 0
            ? ".wh." + path
            : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
    return new Member(entry(name, EntryType.FILE, 0644, "", 0), new byte[0]);
  }

  /** {@code dir/.wh..wh..opq}: hides lower-layer children of dir. */
  public static Member opaque(String dir) {
    String name = dir.isEmpty() ? ".wh..wh..opq" : dir + "/.wh..wh..opq";
    return new Member(entry(name, EntryType.FILE, 0644, "", 0), new byte[0]);
  }

  public Member mode(int mode) {
    return with(
        h ->
            new TarEntry(
                h.name(),
                h.type(),
                mode,
                h.uid(),
                h.gid(),
                h.uname(),
                h.gname(),
                h.mtimeSeconds(),
                h.mtimeNanos(),
                h.linkName(),
                h.devMajor(),
                h.devMinor(),
                h.size(),
                h.dataOffset(),
                h.storedSize(),
                h.sparse(),
                h.extraPax()));
  }

  public Member owner(long uid, long gid, String uname, String gname) {
    return with(
        h ->
            new TarEntry(
                h.name(),
                h.type(),
                h.mode(),
                uid,
                gid,
                uname,
                gname,
                h.mtimeSeconds(),
                h.mtimeNanos(),
                h.linkName(),
                h.devMajor(),
                h.devMinor(),
                h.size(),
                h.dataOffset(),
                h.storedSize(),
                h.sparse(),
                h.extraPax()));
  }

  public Member mtime(long seconds, int nanos) {
    return with(
        h ->
            new TarEntry(
                h.name(),
                h.type(),
                h.mode(),
                h.uid(),
                h.gid(),
                h.uname(),
                h.gname(),
                seconds,
                nanos,
                h.linkName(),
                h.devMajor(),
                h.devMinor(),
                h.size(),
                h.dataOffset(),
                h.storedSize(),
                h.sparse(),
                h.extraPax()));
  }

  /** Adds {@code SCHILY.xattr.<name>} with a value given as raw bytes. */
  public Member xattr(String name, byte[] value) {
    List<PaxRecord> pax = new ArrayList<>(header.extraPax());
    pax.add(
        new PaxRecord(
            PaxRecord.XATTR_PREFIX + name, new String(value, StandardCharsets.ISO_8859_1)));
    return with(
        h ->
            new TarEntry(
                h.name(),
                h.type(),
                h.mode(),
                h.uid(),
                h.gid(),
                h.uname(),
                h.gname(),
                h.mtimeSeconds(),
                h.mtimeNanos(),
                h.linkName(),
                h.devMajor(),
                h.devMinor(),
                h.size(),
                h.dataOffset(),
                h.storedSize(),
                h.sparse(),
                pax));
  }

  public Member xattr(String name, String value) {
    return xattr(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Renames the member; {@code rawName} is in the Latin-1 carrier form (one char per byte). */
  public Member named(String rawName) {
    return with(h -> h.withName(rawName));
  }

  private Member with(java.util.function.UnaryOperator<TarEntry> change) {
    return new Member(change.apply(header), data);
  }

  private static TarEntry entry(String name, EntryType type, int mode, String link, long size) {
    return new TarEntry(
        TarEntry.carrier(name),
        type,
        mode,
        0,
        0,
        "root",
        "root",
        MTIME,
        0,
        TarEntry.carrier(link),
        0,
        0,
        size,
        0,
        size,
        null,
        List.of());
  }
}
