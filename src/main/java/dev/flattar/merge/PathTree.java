package dev.flattar.merge;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Every path of every layer as a node id in one trie. Component bytes live once in a shared arena
 * (equal components share their bytes), parents and names in int arrays, and children are found by
 * an open-addressing hash on (parent, component): finding a path costs O(depth), and memory is a
 * few ints per distinct path plus its distinct component bytes. Not thread-safe.
 *
 * <p>Paths are cleaned names in the Latin-1 carrier form (one char per byte, see TarEntry).
 */
final class PathTree {
  static final int ROOT = 0;
  private static final int NONE = -1;

  private int[] parents = new int[1024];
  private int[] nameStart = new int[1024];
  private int[] nameLength = new int[1024];
  private int size = 1;

  /** node ids by hash of (parent, component). */
  private int[] children = newTable(2048);

  /** Arena offsets of distinct components by hash of their bytes, for sharing. */
  private int[] components = newTable(2048);

  private int[] componentLength = new int[2048];
  private int componentCount;
  private byte[] arena = new byte[1 << 16];
  private int arenaSize;
  private boolean sealed;

  PathTree() {
    parents[ROOT] = NONE;
  }

  /** The node for a cleaned path ({@code ""} is the root), created on first use. */
  int node(String path) {
    if (sealed) {
      throw new IllegalStateException("the path tree is sealed");
    }
    int node = ROOT;
    int start = 0;
    int length = path.length();
    while (start < length) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? length : slash;
      node = child(node, path, start, end);
      start = end + 1;
    }
    return node;
  }

  /**
   * Ends adding paths: drops the tables that find a child by name (about half the tree's memory)
   * and the room the arrays had to spare. Parents and paths of nodes can still be read.
   */
  void seal() {
    if (!sealed) {
      sealed = true;
      children = new int[0];
      components = new int[0];
      componentLength = new int[0];
      parents = Arrays.copyOf(parents, size);
      nameStart = Arrays.copyOf(nameStart, size);
      nameLength = Arrays.copyOf(nameLength, size);
      arena = Arrays.copyOf(arena, arenaSize);
    }
  }

  int parent(int node) {
    return parents[node];
  }

  int size() {
    return size;
  }

  /** The cleaned path of a node, rebuilt from its components. */
  String path(int node) {
    if (node == ROOT) {
      return "";
    }
    int length = -1;
    for (int n = node; n != ROOT; n = parents[n]) {
      length += nameLength[n] + 1;
    }
    byte[] out = new byte[length];
    int end = length;
    for (int n = node; n != ROOT; n = parents[n]) {
      end -= nameLength[n];
      System.arraycopy(arena, nameStart[n], out, end, nameLength[n]);
      if (end > 0) {
        out[--end] = '/';
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private int child(int parent, String path, int start, int end) {
    int hash = mix(parent * 0x9E3779B1 + hash(path, start, end));
    int mask = children.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int candidate = children[slot];
      if (candidate == NONE) {
        return insert(slot, parent, path, start, end);
      }
      if (parents[candidate] == parent
          && sameBytes(nameStart[candidate], nameLength[candidate], path, start, end)) {
        return candidate;
      }
    }
  }

  private int insert(int slot, int parent, String path, int start, int end) {
    if (size == parents.length) {
      parents = Arrays.copyOf(parents, size * 2);
      nameStart = Arrays.copyOf(nameStart, size * 2);
      nameLength = Arrays.copyOf(nameLength, size * 2);
    }
    int node = size++;
    parents[node] = parent;
    nameStart[node] = component(path, start, end);
    nameLength[node] = end - start;
    children[slot] = node;
    if (size * 2 > children.length) {
      rehashChildren();
    }
    return node;
  }

  /** The arena offset of a component's bytes, appending them unless an equal one exists. */
  private int component(String path, int start, int end) {
    int mask = components.length - 1;
    int slot = mix(hash(path, start, end)) & mask;
    for (; components[slot] != NONE; slot = (slot + 1) & mask) {
      if (componentLength[slot] == end - start
          && sameBytes(components[slot], end - start, path, start, end)) {
        return components[slot];
      }
    }
    int length = end - start;
    if (arenaSize + length > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
    }
    int offset = arenaSize;
    for (int i = 0; i < length; i++) {
      arena[offset + i] = (byte) path.charAt(start + i);
    }
    arenaSize += length;
    components[slot] = offset;
    componentLength[slot] = length;
    if (++componentCount * 2 > components.length) {
      rehashComponents();
    }
    return offset;
  }

  private boolean sameBytes(int offset, int length, String path, int start, int end) {
    if (length != end - start) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (arena[offset + i] != (byte) path.charAt(start + i)) {
        return false;
      }
    }
    return true;
  }

  private void rehashChildren() {
    children = newTable(children.length * 2);
    int mask = children.length - 1;
    for (int node = 1; node < size; node++) {
      int slot =
          mix(parents[node] * 0x9E3779B1 + hashArena(nameStart[node], nameLength[node])) & mask;
      while (children[slot] != NONE) {
        slot = (slot + 1) & mask;
      }
      children[slot] = node;
    }
  }

  private void rehashComponents() {
    int[] oldOffsets = components;
    int[] oldLengths = componentLength;
    components = newTable(oldOffsets.length * 2);
    componentLength = new int[components.length];
    int mask = components.length - 1;
    for (int i = 0; i < oldOffsets.length; i++) {
      if (oldOffsets[i] != NONE) {
        int slot = mix(hashArena(oldOffsets[i], oldLengths[i])) & mask;
        while (components[slot] != NONE) {
          slot = (slot + 1) & mask;
        }
        components[slot] = oldOffsets[i];
        componentLength[slot] = oldLengths[i];
      }
    }
  }

  private static int hash(String s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + (s.charAt(i) & 0xff);
    }
    return h;
  }

  private int hashArena(int offset, int length) {
    int h = 0;
    for (int i = 0; i < length; i++) {
      h = 31 * h + (arena[offset + i] & 0xff);
    }
    return h;
  }

  private static int mix(int h) {
    h *= 0x85EBCA6B;
    return h ^ (h >>> 16);
  }

  private static int[] newTable(int length) {
    int[] table = new int[length];
    Arrays.fill(table, NONE);
    return table;
  }
}
