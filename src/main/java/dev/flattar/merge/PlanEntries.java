package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The members of a plan, 8 bytes each for the common case: a layer's own member written as it is,
 * under its own name, kept as (layer, member index) and built again when asked for. Everything else
 * (directories and markers the merge makes, hard links, moved data, new metadata) is kept as the
 * {@link PlannedEntry} it is. Read-only once built.
 */
final class PlanEntries extends AbstractList<PlannedEntry> implements RandomAccess {
  private final List<List<TarEntry>> layers;
  private long[] refs = new long[256];
  private final List<PlannedEntry> others = new ArrayList<>();
  private int size;

  /**
   * @param layers each source layer's members, by layer index
   */
  PlanEntries(List<List<TarEntry>> layers) {
    this.layers = layers;
  }

  /** Adds member {@code index} of {@code layer}, written as it is under its own name. */
  void addOwn(int layer, int index) {
    append((long) layer << 32 | index);
  }

  @Override
  public boolean add(PlannedEntry p) {
    others.add(p);
    append(-others.size());
    return true;
  }

  @Override
  public PlannedEntry get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("member " + i + " of " + size);
    }
    long ref = refs[i];
    if (ref < 0) {
      return others.get((int) -ref - 1);
    }
    int layer = (int) (ref >>> 32);
    TarEntry e = layers.get(layer).get((int) ref);
    return new PlannedEntry(layer, e, e.name(), null);
  }

  @Override
  public int size() {
    return size;
  }

  /** Gives back the room the array had to spare. */
  PlanEntries trim() {
    refs = Arrays.copyOf(refs, size);
    return this;
  }

  private void append(long ref) {
    if (size == refs.length) {
      refs = Arrays.copyOf(refs, size + (size >> 1));
    }
    refs[size++] = ref;
  }
}
