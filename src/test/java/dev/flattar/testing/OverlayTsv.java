package dev.flattar.testing;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.PaxRecord;
import dev.flattar.tar.TarEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reference tree in the format of {@code testdata/engine/*.expected.tsv}: what the kernel's
 * overlayfs showed for the original image (see src/test/engine/README.md). One line per path: path,
 * type, mode, uid, gid, mtime, size, data, xattrs, hard-link group.
 */
public final class OverlayTsv {
  private OverlayTsv() {}

  /** The lines for a reference tree, sorted by path bytes as the generator sorts them. */
  public static List<String> lines(ReferenceTree tree) {
    Map<ReferenceTree.Inode, List<String>> byInode = new java.util.IdentityHashMap<>();
    tree.nodes()
        .forEach(
            (path, n) -> {
              if (n.inode() != null && n.type() == EntryType.FILE) {
                byInode.computeIfAbsent(n.inode(), k -> new ArrayList<>()).add(path);
              }
            });
    TreeMap<String, String> rows = new TreeMap<>();
    tree.nodes()
        .forEach(
            (path, n) -> {
              if (path.isEmpty()) {
                return;
              }
              TarEntry m = n.inode() != null ? n.inode().meta : n.meta();
              List<String> group = n.inode() == null ? null : byInode.get(n.inode());
              String groupName =
                  group != null && group.size() > 1
                      ? escape(group.stream().sorted().findFirst().get())
                      : "-";
              rows.put(
                  path,
                  String.join(
                      "\t",
                      escape(path),
                      type(n.type()),
                      String.format("%04o", m.mode()),
                      Long.toString(m.uid()),
                      Long.toString(m.gid()),
                      m.mtimeNanos() == 0
                          ? Long.toString(m.mtimeSeconds())
                          : String.format("%d.%09d", m.mtimeSeconds(), m.mtimeNanos()),
                      n.type() == EntryType.FILE ? Long.toString(n.inode().size) : "-",
                      data(n, m),
                      n.type() == EntryType.SYMLINK ? "-" : xattrs(m),
                      n.type() == EntryType.FILE ? groupName : "-"));
            });
    return new ArrayList<>(rows.values());
  }

  private static String type(EntryType t) {
    return switch (t) {
      case FILE -> "f";
      case DIRECTORY -> "d";
      case SYMLINK -> "l";
      case CHAR_DEVICE -> "c";
      case BLOCK_DEVICE -> "b";
      case FIFO -> "p";
      case HARDLINK -> "h";
    };
  }

  private static String data(ReferenceTree.Node n, TarEntry m) {
    return switch (n.type()) {
      case FILE -> "sha256:" + n.inode().content.hex();
      case SYMLINK -> escape(m.linkName());
      case CHAR_DEVICE, BLOCK_DEVICE -> m.devMajor() + "," + m.devMinor();
      default -> "-";
    };
  }

  private static String xattrs(TarEntry m) {
    TreeMap<String, String> x = new TreeMap<>();
    for (PaxRecord r : m.extraPax()) {
      if (r.isXattr()) {
        x.put(
            r.key().substring(PaxRecord.XATTR_PREFIX.length()),
            show(r.value().getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    if (x.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    x.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /** Python's {@code show}: JSON-quoted if printable UTF-8 text, else {@code 0x} hex. */
  private static String show(byte[] value) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
      if (printable(s.replace("\n", ""))) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
      }
    } catch (CharacterCodingException e) {
      // not text
    }
    return "0x" + HexFormat.of().formatHex(value);
  }

  /** Python's {@code esc_path}: UTF-8 kept, invalid bytes and unprintable characters as \xNN. */
  static String escape(String latin1) {
    byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < bytes.length) {
      int len = utf8Length(bytes, i);
      if (len < 0) {
        out.append(String.format("\\x%02x", bytes[i] & 0xff));
        i++;
        continue;
      }
      String ch = new String(bytes, i, len, StandardCharsets.UTF_8);
      int cp = ch.codePointAt(0);
      out.append(printable(ch) && cp != '\t' ? ch : String.format("\\x%02x", cp));
      i += len;
    }
    return out.toString();
  }

  private static int utf8Length(byte[] b, int i) {
    int c = b[i] & 0xff;
    int len =
        c < 0x80
            ? 1
            : c >= 0xc2 && c < 0xe0
                ? 2
                : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : -1;
    if (len < 0 || i + len > b.length) {
      return -1;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, i, len));
      return len;
    } catch (CharacterCodingException e) {
      return -1;
    }
  }

  private static boolean printable(String s) {
    return s.codePoints()
        .allMatch(
            cp -> {
              int t = Character.getType(cp);
              return cp == ' '
                  || !(t == Character.CONTROL
                      || t == Character.FORMAT
                      || t == Character.SURROGATE
                      || t == Character.PRIVATE_USE
                      || t == Character.UNASSIGNED
                      || t == Character.LINE_SEPARATOR
                      || t == Character.PARAGRAPH_SEPARATOR
                      || t == Character.SPACE_SEPARATOR);
            });
  }
}
