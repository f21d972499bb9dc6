package dev.flattar.interop;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.testing.Layers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Differences planted in a flattened layer, to show that the Docker tier's comparison sees them: a
 * byte of a file changed, a mode bit flipped, a hard link written as a separate copy. The layer is
 * read and rewritten entry by entry with commons-compress; {@link #NONE} rewrites it without a
 * change, which must leave nothing to see.
 */
final class DockerPlants {
  /** Rewrites the layer and changes nothing. */
  static final UnaryOperator<byte[]> NONE = layer -> rewrite(layer, Written::new);

  private DockerPlants() {}

  /** What one entry becomes. */
  interface Edit {
    Written apply(TarArchiveEntry e, byte[] data);
  }

  /** An entry as written, with its data. */
  record Written(TarArchiveEntry entry, byte[] data) {}

  /** The first byte of {@code path}'s data, one bit flipped. */
  static UnaryOperator<byte[]> flipFirstByte(String path) {
    return layer ->
        rewrite(
            layer,
            (e, data) -> {
              if (name(e).equals(path)) {
                data = data.clone();
                data[0] ^= 1;
              }
              return new Written(e, data);
            });
  }

  /** {@code path}'s mode with {@code bit} flipped. */
  static UnaryOperator<byte[]> flipModeBit(String path, int bit) {
    return layer ->
        rewrite(
            layer,
            (e, data) -> {
              if (name(e).equals(path)) {
                e.setMode(e.getMode() ^ bit);
              }
              return new Written(e, data);
            });
  }

  /** The hard-link entry {@code path} written as a regular file holding its target's data. */
  static UnaryOperator<byte[]> copyInsteadOfLink(String path) {
    Map<String, byte[]> seen = new HashMap<>();
    return layer ->
        rewrite(
            layer,
            (e, data) -> {
              if (name(e).equals(path) && e.isLink()) {
                byte[] target = seen.get(e.getLinkName());
                TarArchiveEntry copy = new TarArchiveEntry(e.getName(), TarArchiveEntry.LF_NORMAL);
                copy.setMode(e.getMode());
                copy.setUserId(e.getLongUserId());
                copy.setGroupId(e.getLongGroupId());
                copy.setModTime(e.getModTime());
                copy.setSize(target.length);
                return new Written(copy, target);
              }
              seen.put(name(e), data);
              return new Written(e, data);
            });
  }

  /** The first regular file with data that is no hard link and no hard link's target. */
  static String plainFile(byte[] layer) {
    List<TarEntry> entries = Layers.entries(layer);
    Set<String> targets = new HashSet<>();
    entries.stream()
        .filter(e -> e.type() == EntryType.HARDLINK)
        .forEach(e -> targets.add(e.linkName()));
    return entries.stream()
        .filter(e -> e.type() == EntryType.FILE && e.size() > 0 && !targets.contains(e.name()))
        .map(TarEntry::name)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no plain file in the layer"));
  }

  /** The first hard-link entry: {name, target}. */
  static String[] firstLink(byte[] layer) {
    return Layers.entries(layer).stream()
        .filter(e -> e.type() == EntryType.HARDLINK)
        .map(e -> new String[] {e.name(), e.linkName()})
        .findFirst()
        .orElseThrow(() -> new AssertionError("no hard link in the layer"));
  }

  /** The layer rewritten entry by entry through {@code edit}, ending with two zero blocks. */
  static byte[] rewrite(byte[] layer, Edit edit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        Written w = edit.apply(e, e.isFile() && !e.isLink() ? in.readAllBytes() : new byte[0]);
        tar.putArchiveEntry(w.entry());
        tar.write(w.data());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String name(TarArchiveEntry e) {
    String n = e.getName();
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }
}
