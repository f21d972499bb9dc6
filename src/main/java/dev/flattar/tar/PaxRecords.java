package dev.flattar.tar;

import dev.flattar.model.CorruptArchiveException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@code "<len> <key>=<value>\n"} record format of PAX extended headers. */
final class PaxRecords {
  private PaxRecords() {}

  static List<PaxRecord> parse(byte[] data, String where) throws CorruptArchiveException {
    List<PaxRecord> records = new ArrayList<>();
    int pos = 0;
    while (pos < data.length) {
      if (data[pos] == 0) {
        break; // some writers pad the record block with NULs
      }
      int space = pos;
      long length = 0;
      while (space < data.length && data[space] >= '0' && data[space] <= '9' && length < 1 << 30) {
        length = length * 10 + (data[space] - '0');
        space++;
      }
      if (space == pos || space >= data.length || data[space] != ' ' || length <= space - pos + 1) {
        throw new CorruptArchiveException(where + ": malformed PAX record at byte " + pos);
      }
      long end = pos + length;
      if (end > data.length || data[(int) end - 1] != '\n') {
        throw new CorruptArchiveException(
            where
                + ": PAX record at byte "
                + pos
                + " claims "
                + length
                + " bytes, header has "
                + (data.length - pos));
      }
      int equals = space + 1;
      while (equals < end - 1 && data[equals] != '=') {
        equals++;
      }
      if (equals >= end - 1) {
        throw new CorruptArchiveException(where + ": PAX record at byte " + pos + " has no '='");
      }
      String key = new String(data, space + 1, equals - space - 1, StandardCharsets.ISO_8859_1);
      String value =
          new String(data, equals + 1, (int) end - 1 - equals - 1, StandardCharsets.ISO_8859_1);
      if (key.isEmpty()) {
        throw new CorruptArchiveException(where + ": PAX record at byte " + pos + " has no key");
      }
      records.add(new PaxRecord(key, value));
      pos = (int) end;
    }
    return records;
  }

  static byte[] format(List<PaxRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (PaxRecord r : records) {
      String text = recordLength(r) + " " + r.key() + "=" + r.value() + "\n";
      out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }

  /** The number of bytes {@link #format} produces. */
  static int formattedLength(List<PaxRecord> records) {
    int total = 0;
    for (PaxRecord r : records) {
      total += recordLength(r);
    }
    return total;
  }

  /** "<len> k=v\n": the length counts its own digits, so find the fixed point. */
  private static int recordLength(PaxRecord r) {
    int body = 1 + r.key().length() + 1 + r.value().length() + 1;
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() + body != length) {
      length = body + Integer.toString(length).length();
    }
    return length;
  }
}
