package dev.flattar.tar;

import dev.flattar.model.CorruptArchiveException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One member's header fields, decoded from its header block (ustar, GNU or star) and then
 * overridden by its PAX records and GNU long names, in Go's archive/tar order. Data offsets, sparse
 * maps and sizes of what is stored are {@link TarReader}'s business.
 */
final class HeaderFields {
  final byte flag;
  final boolean gnu;
  String name;
  String link;
  final int mode;
  long uid;
  long gid;
  long mtime;
  int nanos;
  String uname;
  String gname;
  int major;
  int minor;
  long size;

  /** PAX records other than the ones that set the fields above (xattrs, atime, ...). */
  List<PaxRecord> extras = List.of();

  /** The GNU.sparse.* records, or null when there were none. */
  @Nullable PaxSparse paxSparse;

  private final byte[] block;
  private final long headerOffset;
  private final TarBlocks blocks;

  /**
   * Decodes the fields of {@code block}.
   *
   * @param names interns owner names: archives repeat a handful of them thousands of times
   */
  HeaderFields(
      byte[] block, long size, long headerOffset, TarBlocks blocks, Map<String, String> names)
      throws CorruptArchiveException {
    this.block = block;
    this.headerOffset = headerOffset;
    this.blocks = blocks;
    this.flag = block[156];
    this.size = size;
    boolean ustar = matches(257, "ustar\0"); // Go ignores the version field
    this.gnu = matches(257, "ustar ") && matches(263, " \0");
    boolean star = ustar && matches(508, "tar\0");
    String path = TarNumbers.string(block, 0, 100);
    if (ustar) {
      String prefix = TarNumbers.string(block, 345, star ? 131 : 155);
      if (!prefix.isEmpty()) {
        path = prefix + "/" + path;
      }
    }
    this.name = path;
    this.link = TarNumbers.string(block, 157, 100);
    this.mode = (int) number(100, 8, "mode");
    this.uid = number(108, 8, "uid");
    this.gid = number(116, 8, "gid");
    this.mtime = number(136, 12, "mtime");
    this.uname = names.computeIfAbsent(TarNumbers.string(block, 265, 32), k -> k);
    this.gname = names.computeIfAbsent(TarNumbers.string(block, 297, 32), k -> k);
    if ((ustar || gnu) && (flag == '3' || flag == '4')) {
      this.major = (int) number(329, 8, "devmajor");
      this.minor = (int) number(337, 8, "devminor");
    }
  }

  /**
   * Applies the member's PAX records: they replace the header's fields, except that an empty value
   * keeps the field (POSIX and Go).
   */
  void applyPax(List<PaxRecord> pax, Map<String, String> names) throws CorruptArchiveException {
    List<PaxRecord> kept = new ArrayList<>();
    for (PaxRecord r : pax) {
      String v = r.value();
      if (v.isEmpty() && isHeaderField(r.key())) {
        continue;
      }
      switch (r.key()) {
        case "path" -> name = v;
        case "linkpath" -> link = v;
        case "size" -> size = paxNumber(r);
        case "uid" -> uid = paxNumber(r);
        case "gid" -> gid = paxNumber(r);
        case "uname" -> uname = names.computeIfAbsent(v, k -> k);
        case "gname" -> gname = names.computeIfAbsent(v, k -> k);
        case "mtime" -> {
          long[] t = PaxTime.parse(v);
          if (t == null) {
            throw blocks.corrupt(
                "bad PAX mtime '" + TarEntry.display(v) + "' at offset " + headerOffset);
          }
          mtime = t[0];
          nanos = (int) t[1];
        }
        case "hdrcharset" -> {}
        default -> {
          if (r.key().startsWith("GNU.sparse.")) {
            paxSparse = paxSparse == null ? new PaxSparse() : paxSparse;
            paxSparse.add(r);
          } else {
            kept.add(r);
          }
        }
      }
    }
    extras = kept;
  }

  /** GNU long names are applied after PAX records (as in Go), so they win when both are there. */
  void applyLongNames(@Nullable String longName, @Nullable String longLink) {
    if (longName != null) {
      name = longName;
    }
    if (longLink != null) {
      link = longLink;
    }
  }

  /** A numeric field of the header block. */
  long number(int offset, int length, String field) throws CorruptArchiveException {
    long value = TarNumbers.parse(block, offset, length);
    if (value == Long.MIN_VALUE) {
      throw blocks.corrupt("bad " + field + " field in tar header at offset " + headerOffset);
    }
    return value;
  }

  private long paxNumber(PaxRecord r) throws CorruptArchiveException {
    try {
      long v = Long.parseLong(r.value());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw blocks.corrupt(
          "bad PAX "
              + r.key()
              + " '"
              + TarEntry.display(r.value())
              + "' at offset "
              + headerOffset);
    }
  }

  private boolean matches(int offset, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (block[offset + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHeaderField(String key) {
    return switch (key) {
      case "path", "linkpath", "size", "uid", "gid", "uname", "gname", "mtime" -> true;
      default -> false;
    };
  }
}
