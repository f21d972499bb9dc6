package dev.flattar.tar;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * A layer's member headers, stored column by column: names and link targets as bytes in one array,
 * owners as an index into the few distinct ones a layer has, data offsets in blocks, the rest in
 * primitive arrays. About 36 bytes a member plus its name, where a {@link TarEntry} and its name
 * string take about 180: images of millions of members fit in a small heap. {@link #get} builds the
 * member again (a short-lived object), equal to the one that was added.
 *
 * <p>Appended to by one thread while a layer is read; read-only once {@link #seal sealed}, and then
 * safe to share between threads.
 */
public final class EntryTable extends AbstractList<TarEntry> implements RandomAccess {
  /** Types by their flag byte, which is what a member's type is stored as. */
  private static final EntryType[] BY_FLAG = new EntryType[128];

  static {
    for (EntryType t : EntryType.values()) {
      BY_FLAG[t.flag()] = t;
    }
  }

  /** Members whose stored size, devices, sparse map or PAX records are not the usual ones. */
  private record Extra(
      long dataOffset,
      long storedSize,
      int devMajor,
      int devMinor,
      @Nullable SparseMap sparse,
      List<PaxRecord> extraPax) {}

  /** A member's owner; equals written out, as it runs at start-up (see FileSlice). */
  private record Owner(long uid, long gid, String uname, String gname) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Owner w
          && w.uid == uid
          && w.gid == gid
          && w.uname.equals(uname)
          && w.gname.equals(gname);
    }

    @Override
    public int hashCode() {
      return ((Long.hashCode(uid) * 31 + Long.hashCode(gid)) * 31 + uname.hashCode()) * 31
          + gname.hashCode();
    }
  }

  /**
   * Columns are kept in chunks of this many members, and names in a {@link NameArena}: a table
   * grows without copying what it holds (copies would be garbage that outlives the young
   * generation, and a peak of twice the table).
   */
  private static final int CHUNK_BITS = 12;

  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int MASK = CHUNK - 1;

  private final NameArena text = new NameArena();
  private int size;
  private int[][] nameEnd = new int[4][];
  private int[][] linkEnd = new int[4][];
  private int[][] owner = new int[4][];
  private int[][] modeType = new int[4][];

  /** Nanoseconds of the mtimes; a chunk is made only once a member of it has some. */
  private int[][] nanos = new int[4][];

  private long[][] mtime = new long[4][];
  private long[][] length = new long[4][];

  /** Where the data begins, in 512-byte blocks (it always begins on one); -1: in the Extra. */
  private int[][] dataBlock = new int[4][];

  private final Map<Owner, Integer> ownerIds = new HashMap<>();
  private Owner[] owners = new Owner[4];
  private int[] extraAt = new int[0];
  private Extra[] extras = new Extra[0];
  private int extraCount;
  private boolean sealed;

  /** Adds a member at the end. */
  public void append(TarEntry e) {
    if (sealed) {
      throw new IllegalStateException("the table is sealed");
    }
    int i = size;
    int c = i >>> CHUNK_BITS;
    int j = i & MASK;
    if (j == 0) {
      addChunk(c);
    } else if (j == nameEnd[c].length) {
      growFirstChunk();
    }
    int ownerId = ownerId(e);
    String name = e.name();
    String link = e.linkName();
    text.makeRoom(name.length() + link.length());
    nameEnd[c][j] = text.put(name);
    linkEnd[c][j] = text.put(link);
    owner[c][j] = ownerId;
    modeType[c][j] = e.mode() | e.type().flag() << 16;
    if (e.mtimeNanos() != 0) {
      if (nanos[c] == null) {
        nanos[c] = new int[nameEnd[c].length];
      }
      nanos[c][j] = e.mtimeNanos();
    }
    mtime[c][j] = e.mtimeSeconds();
    length[c][j] = e.size();
    long block = e.dataOffset() / 512;
    boolean inBlocks = e.dataOffset() % 512 == 0 && block <= Integer.MAX_VALUE;
    dataBlock[c][j] = inBlocks ? (int) block : -1;
    if (!inBlocks
        || e.storedSize() != e.size()
        || e.devMajor() != 0
        || e.devMinor() != 0
        || e.sparse() != null
        || !e.extraPax().isEmpty()) {
      addExtra(
          i,
          new Extra(
              e.dataOffset(),
              e.storedSize(),
              e.devMajor(),
              e.devMinor(),
              e.sparse(),
              e.extraPax()));
    }
    size = i + 1;
  }

  /** Ends appending and gives back the room the last chunks had to spare. */
  public EntryTable seal() {
    if (!sealed) {
      text.seal();
      int c = size >>> CHUNK_BITS;
      int used = size & MASK;
      if (used > 0) {
        resizeChunk(c, used);
      }
      extraAt = Arrays.copyOf(extraAt, extraCount);
      extras = Arrays.copyOf(extras, extraCount);
      sealed = true;
    }
    return this;
  }

  /** Whether appending has ended. */
  public boolean sealed() {
    return sealed;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public TarEntry get(int i) {
    check(i);
    int c = i >>> CHUNK_BITS;
    int j = i & MASK;
    Owner o = owners[owner[c][j]];
    int x = extraCount == 0 ? -1 : Arrays.binarySearch(extraAt, 0, extraCount, i);
    Extra extra = x >= 0 ? extras[x] : null;
    long size = length[c][j];
    return TarEntry.builder(name(i), type(i))
        .mode(modeType[c][j] & 0xffff)
        .owner(o.uid(), o.gid(), o.uname(), o.gname())
        .mtime(mtime[c][j], nanos[c] == null ? 0 : nanos[c][j])
        .linkName(linkName(i))
        .device(extra == null ? 0 : extra.devMajor(), extra == null ? 0 : extra.devMinor())
        .data(
            size,
            extra == null ? dataBlock[c][j] * 512L : extra.dataOffset(),
            extra == null ? size : extra.storedSize())
        .sparse(extra == null ? null : extra.sparse())
        .extraPax(extra == null ? List.of() : extra.extraPax())
        .build();
  }

  /** The name of member {@code i} (what {@code get(i).name()} is, without building the member). */
  public String name(int i) {
    check(i);
    int end = nameEnd[i >>> CHUNK_BITS][i & MASK];
    int start = i == 0 ? 0 : linkEnd[(i - 1) >>> CHUNK_BITS][(i - 1) & MASK];
    return text.string(NameArena.startBefore(start, end), end);
  }

  /** The link target of member {@code i}. */
  public String linkName(int i) {
    check(i);
    return text.string(nameEnd[i >>> CHUNK_BITS][i & MASK], linkEnd[i >>> CHUNK_BITS][i & MASK]);
  }

  /** The type of member {@code i}. */
  public EntryType type(int i) {
    check(i);
    return BY_FLAG[modeType[i >>> CHUNK_BITS][i & MASK] >>> 16];
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("member " + i + " of " + size);
    }
  }

  private int ownerId(TarEntry e) {
    if (size > 0) {
      // Members mostly share their neighbour's owner: no lookup, no allocation.
      int previous = owner[(size - 1) >>> CHUNK_BITS][(size - 1) & MASK];
      Owner last = owners[previous];
      if (last.uid() == e.uid()
          && last.gid() == e.gid()
          && last.uname().equals(e.uname())
          && last.gname().equals(e.gname())) {
        return previous;
      }
    }
    Owner o = new Owner(e.uid(), e.gid(), e.uname(), e.gname());
    Integer id = ownerIds.get(o);
    if (id == null) {
      id = ownerIds.size();
      ownerIds.put(o, id);
      if (id == owners.length) {
        owners = Arrays.copyOf(owners, id * 2);
      }
      owners[id] = o;
    }
    return id;
  }

  private void addExtra(int i, Extra e) {
    if (extraCount == extraAt.length) {
      int n = Math.max(8, extraCount * 2);
      extraAt = Arrays.copyOf(extraAt, n);
      extras = Arrays.copyOf(extras, n);
    }
    extraAt[extraCount] = i;
    extras[extraCount++] = e;
  }

  private void growFirstChunk() {
    resizeChunk(0, Math.min(CHUNK, nameEnd[0].length * 4));
  }

  /** Gives chunk {@code c} of every column room for {@code n} members, keeping what it holds. */
  private void resizeChunk(int c, int n) {
    nameEnd[c] = Arrays.copyOf(nameEnd[c], n);
    linkEnd[c] = Arrays.copyOf(linkEnd[c], n);
    owner[c] = Arrays.copyOf(owner[c], n);
    modeType[c] = Arrays.copyOf(modeType[c], n);
    nanos[c] = nanos[c] == null ? null : Arrays.copyOf(nanos[c], n);
    mtime[c] = Arrays.copyOf(mtime[c], n);
    length[c] = Arrays.copyOf(length[c], n);
    dataBlock[c] = Arrays.copyOf(dataBlock[c], n);
  }

  private void addChunk(int c) {
    if (c == nameEnd.length) {
      int n = c * 2;
      nameEnd = Arrays.copyOf(nameEnd, n);
      linkEnd = Arrays.copyOf(linkEnd, n);
      owner = Arrays.copyOf(owner, n);
      modeType = Arrays.copyOf(modeType, n);
      nanos = Arrays.copyOf(nanos, n);
      mtime = Arrays.copyOf(mtime, n);
      length = Arrays.copyOf(length, n);
      dataBlock = Arrays.copyOf(dataBlock, n);
    }
    // The first chunk starts small: most layers of most images have a few members.
    int n = c == 0 ? 64 : CHUNK;
    nameEnd[c] = new int[n];
    linkEnd[c] = new int[n];
    owner[c] = new int[n];
    modeType[c] = new int[n];
    mtime[c] = new long[n];
    length[c] = new long[n];
    dataBlock[c] = new int[n];
  }
}
