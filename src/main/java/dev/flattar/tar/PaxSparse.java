package dev.flattar.tar;

import dev.flattar.model.CorruptArchiveException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The GNU.sparse.* PAX records of one member (sparse formats 0.0, 0.1 and 1.0). */
final class PaxSparse {
  private @Nullable String major;
  private @Nullable String name;
  private @Nullable String realSize;
  private @Nullable String size;
  private @Nullable String map;
  private final List<String> offsets = new ArrayList<>();
  private final List<String> lengths = new ArrayList<>();

  void add(PaxRecord r) {
    switch (r.key()) {
      case "GNU.sparse.major" -> major = r.value();
      case "GNU.sparse.name" -> name = r.value();
      case "GNU.sparse.realsize" -> realSize = r.value();
      case "GNU.sparse.size" -> size = r.value();
      case "GNU.sparse.map" -> map = r.value();
      case "GNU.sparse.offset" -> offsets.add(r.value());
      case "GNU.sparse.numbytes" -> lengths.add(r.value());
      default -> {}
    }
  }

  boolean isSparse() {
    return major != null || realSize != null || size != null || map != null || !offsets.isEmpty();
  }

  boolean mapInData() {
    return "1".equals(major);
  }

  @Nullable String name() {
    return name;
  }

  long realSize(long headerOffset, TarBlocks blocks) throws CorruptArchiveException {
    String text = realSize != null ? realSize : size;
    long value = text == null ? -1 : parse(text);
    if (value < 0) {
      throw blocks.corrupt("sparse entry at offset " + headerOffset + " has no valid real size");
    }
    return value;
  }

  SparseMap map(long headerOffset, TarBlocks blocks) throws CorruptArchiveException {
    List<String> numbers = new ArrayList<>();
    if (map != null) {
      if (!map.isEmpty()) {
        numbers.addAll(List.of(map.split(",", -1)));
      }
    } else {
      if (offsets.size() != lengths.size()) {
        throw blocks.corrupt("sparse entry at offset " + headerOffset + " has unpaired records");
      }
      for (int i = 0; i < offsets.size(); i++) {
        numbers.add(offsets.get(i));
        numbers.add(lengths.get(i));
      }
    }
    if (numbers.size() % 2 != 0 || numbers.size() / 2 > SparseSegments.MAX) {
      throw blocks.corrupt("sparse entry at offset " + headerOffset + " has a malformed map");
    }
    List<SparseMap.Segment> segments = new ArrayList<>();
    for (int i = 0; i < numbers.size(); i += 2) {
      long o = parse(numbers.get(i));
      long n = parse(numbers.get(i + 1));
      if (o < 0 || n < 0) {
        throw blocks.corrupt("sparse entry at offset " + headerOffset + " has a malformed map");
      }
      segments.add(new SparseMap.Segment(o, n));
    }
    return new SparseMap(segments);
  }

  private static long parse(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
