package dev.flattar.merge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every path of every layer as a node id in one trie. Components are interned, child lookup is an
 * open-addressing hash on (parent, component), so finding a path costs O(depth) and memory grows
 * with the number of distinct paths, not with their length. Not thread-safe.
 */
final class PathTree {
  static final int ROOT = 0;
  private static final int NONE = -1;

  private final Map<String, String> components = new HashMap<>();
  private int[] parents = new int[1024];
  private String[] names = new String[1024];
  private int size;
  private int[] table = new int[2048];

  PathTree() {
    Arrays.fill(table, NONE);
    parents[ROOT] = NONE;
    names[ROOT] = "";
    size = 1;
  }

  /** The node for a cleaned path ({@code ""} is the root), created on first use. */
  int node(String path) {
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
    int depth = 0;
    int length = -1;
    for (int n = node; n != ROOT; n = parents[n]) {
      depth++;
      length += names[n].length() + 1;
    }
    char[] out = new char[length];
    int end = length;
    for (int n = node; n != ROOT; n = parents[n]) {
      String name = names[n];
      end -= name.length();
      name.getChars(0, name.length(), out, end);
      if (end > 0) {
        out[--end] = '/';
      }
    }
    return new String(out);
  }

  private int child(int parent, String path, int start, int end) {
    int hash = hash(parent, path, start, end);
    int mask = table.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int candidate = table[slot];
      if (candidate == NONE) {
        return insert(slot, parent, path.substring(start, end));
      }
      if (parents[candidate] == parent
          && names[candidate].regionMatches(0, path, start, end - start)
          && names[candidate].length() == end - start) {
        return candidate;
      }
    }
  }

  private int insert(int slot, int parent, String name) {
    if (size == parents.length) {
      parents = Arrays.copyOf(parents, size * 2);
      names = Arrays.copyOf(names, size * 2);
    }
    int node = size++;
    parents[node] = parent;
    names[node] = components.computeIfAbsent(name, k -> k);
    table[slot] = node;
    if (size * 2 > table.length) {
      rehash();
    }
    return node;
  }

  private void rehash() {
    table = new int[table.length * 2];
    Arrays.fill(table, NONE);
    int mask = table.length - 1;
    for (int node = 1; node < size; node++) {
      String name = names[node];
      int slot = hash(parents[node], name, 0, name.length()) & mask;
      while (table[slot] != NONE) {
        slot = (slot + 1) & mask;
      }
      table[slot] = node;
    }
  }

  private static int hash(int parent, String s, int start, int end) {
    int h = parent * 0x9E3779B1;
    for (int i = start; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    return h ^ (h >>> 16);
  }
}
