package dev.flattar.archive;

import dev.flattar.io.FileSlice;
import dev.flattar.io.InputArchive;
import dev.flattar.io.InputDirectory;
import dev.flattar.io.InputSource;
import dev.flattar.model.CorruptArchiveException;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.UnsafePathException;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import dev.flattar.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The members of the input archive, indexed by cleaned name from the headers alone (data is skipped
 * by seeking). Symbolic and hard links between members, as {@code docker save} writes for shared
 * layers, are followed within the archive.
 */
public final class OuterArchive {
  /** Links followed before giving up; real archives use one hop. */
  static final int MAX_LINK_HOPS = 16;

  /** Members accepted in one archive; real ones have a few hundred at most. */
  static final int MAX_MEMBERS = 1 << 20;

  /**
   * JSON bytes read from one archive in all, documents read again counted again: manifests and
   * indexes that name the same large document many times (or nest indexes many times over) must not
   * make flat-tar parse without end. Real archives read a few KiB.
   */
  static final long MAX_JSON_TOTAL = 64L << 20;

  record Member(String name, EntryType type, String linkName, FileSlice data) {}

  private final Map<String, Member> members;
  private final String label;
  private long jsonRead;

  private OuterArchive(Map<String, Member> members, String label) {
    this.members = members;
    this.label = label;
  }

  /** The members of the input: an archive's, read from its headers, or a directory's files. */
  public static OuterArchive read(InputSource input) throws FlatTarException, IOException {
    if (input instanceof InputDirectory dir) {
      Map<String, Member> members = new HashMap<>();
      dir.files()
          .forEach((name, slice) -> members.put(name, new Member(name, EntryType.FILE, "", slice)));
      if (members.isEmpty()) {
        throw new InvalidImageException(
            dir.label() + ": not an image layout: the directory is empty");
      }
      return new OuterArchive(members, dir.label());
    }
    return read((InputArchive) input);
  }

  private static OuterArchive read(InputArchive input) throws FlatTarException, IOException {
    Map<String, Member> members = new HashMap<>();
    FileSlice whole = new FileSlice(input.channel(), 0, input.size());
    try (InputStream in = whole.open()) {
      TarReader reader = new TarReader(in, input.label());
      TarEntry e;
      while ((e = reader.next()) != null) {
        String name;
        try {
          name = TarPaths.normalize(e.name());
        } catch (UnsafePathException ex) {
          continue; // no manifest can name it, so it cannot matter
        }
        if (members.size() >= MAX_MEMBERS) {
          throw new CorruptArchiveException(
              input.label() + ": more than " + MAX_MEMBERS + " members; not an image archive");
        }
        if (e.isSparse()) {
          throw new CorruptArchiveException(
              input.label() + ": member '" + TarEntry.display(name) + "' is a sparse file");
        }
        FileSlice data = new FileSlice(input.channel(), e.dataOffset(), e.storedSize());
        members.put(name, new Member(name, e.type(), e.linkName(), data));
      }
    }
    if (members.isEmpty()) {
      throw new CorruptArchiveException(
          input.label() + ": " + (input.size() == 0 ? "input is empty" : "no tar members found"));
    }
    return new OuterArchive(members, input.label());
  }

  public String label() {
    return label;
  }

  /** Accounts for a JSON document about to be read; refuses once the archive's total is over. */
  void chargeJson(long bytes, String what) throws InvalidImageException {
    jsonRead += bytes;
    if (jsonRead > MAX_JSON_TOTAL) {
      throw new InvalidImageException(
          what
              + ": reading it brings the JSON read from the archive to "
              + jsonRead
              + " bytes (limit "
              + MAX_JSON_TOTAL
              + "); its manifests name the same documents too many times");
    }
  }

  /** True if {@code path} names a member (after following links). */
  public boolean has(String path) {
    try {
      return find(path) != null;
    } catch (InvalidImageException e) {
      return false;
    }
  }

  /**
   * The regular file at {@code path}, following links; {@code what} says in errors why it was
   * wanted ("config of image 1").
   */
  public FileSlice file(String path, String what) throws InvalidImageException {
    Member m = find(path);
    if (m == null) {
      throw new InvalidImageException(
          label + ": " + what + " '" + TarEntry.display(path) + "' is not in the archive");
    }
    if (m.type() != EntryType.FILE) {
      throw new InvalidImageException(
          label
              + ": "
              + what
              + " '"
              + TarEntry.display(path)
              + "' is a "
              + m.type().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ", not a file");
    }
    return m.data();
  }

  /** The member at {@code path} with links followed, or null if there is none. */
  @Nullable Member find(String path) throws InvalidImageException {
    String current;
    try {
      current = TarPaths.normalize(path);
    } catch (UnsafePathException e) {
      throw new InvalidImageException(label + ": path '" + path + "' leaves the archive");
    }
    for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      Member m = members.get(current);
      if (m == null || (m.type() != EntryType.SYMLINK && m.type() != EntryType.HARDLINK)) {
        return m;
      }
      String base = TarPaths.parent(current);
      String target =
          m.type() == EntryType.HARDLINK || m.linkName().startsWith("/") || base.isEmpty()
              ? m.linkName()
              : base + "/" + m.linkName();
      try {
        current = TarPaths.normalize(target);
      } catch (UnsafePathException e) {
        throw new InvalidImageException(
            label
                + ": link '"
                + TarEntry.display(m.name())
                + "' -> '"
                + TarEntry.display(m.linkName())
                + "' points outside the archive");
      }
    }
    throw new InvalidImageException(
        label
            + ": links starting at '"
            + TarEntry.display(path)
            + "' do not end after "
            + MAX_LINK_HOPS
            + " hops (a cycle?)");
  }

  /** Names of regular-file members, sorted, for discovery and error messages. */
  public Collection<String> fileNames() {
    TreeSet<String> names = new TreeSet<>();
    members.forEach(
        (name, m) -> {
          if (m.type() != EntryType.DIRECTORY) {
            names.add(name);
          }
        });
    return names;
  }
}
