package dev.flattar.merge;

import java.util.Arrays;

/** A map from non-negative int keys to int values, without boxing (open addressing). */
final class IntIntMap {
  private static final int EMPTY = -1;
  private int[] keys = new int[64];
  private int[] values = new int[64];
  private int size;

  IntIntMap() {
    Arrays.fill(keys, EMPTY);
  }

  void put(int key, int value) {
    int slot = find(keys, key);
    if (keys[slot] == EMPTY) {
      keys[slot] = key;
      if (++size * 2 > keys.length) {
        grow();
      }
      slot = find(keys, key);
    }
    values[slot] = value;
  }

  /** The value for {@code key}, or {@code missing}. */
  int get(int key, int missing) {
    int slot = find(keys, key);
    return keys[slot] == EMPTY ? missing : values[slot];
  }

  private static int find(int[] keys, int key) {
    int mask = keys.length - 1;
    int slot = (key * 0x9E3779B1) >>> 7 & mask;
    while (keys[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = find(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
