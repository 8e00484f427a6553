package io.votechain.record;

import java.util.function.BiConsumer;

/**
 * A map from 32-byte keys (credentials, ballot hashes) to {@code long} values in flat arrays: about
 * 80 bytes per entry instead of the ~200 of a {@code HashMap<Hash32, Long>}, which is what lets the
 * exporter and the verifier follow a million voters in a few hundred megabytes. Open addressing
 * with linear probing; keys are hashes or public keys, so their first bytes are already uniform.
 * Not thread safe.
 */
public final class KeyTable {
  private long[] keys; // 4 longs per slot
  private long[] values;
  private boolean[] used;
  private int size;

  public KeyTable() {
    allocate(1024);
  }

  public int size() {
    return size;
  }

  /** The value of {@code key}, or {@code absent} if it has none. */
  public long get(byte[] key, long absent) {
    int slot = find(key);
    return used[slot] ? values[slot] : absent;
  }

  public boolean contains(byte[] key) {
    return used[find(key)];
  }

  /** Sets the value of {@code key}; returns whether the key was new. */
  public boolean put(byte[] key, long value) {
    int slot = find(key);
    if (used[slot]) {
      values[slot] = value;
      return false;
    }
    used[slot] = true;
    System.arraycopy(words(key), 0, keys, slot * 4, 4);
    values[slot] = value;
    if (++size * 2 > used.length) {
      grow();
    }
    return true;
  }

  /** Visits every entry (in table order, which carries no meaning). */
  public void forEach(BiConsumer<byte[], Long> visitor) {
    for (int slot = 0; slot < used.length; slot++) {
      if (used[slot]) {
        visitor.accept(bytes(slot), values[slot]);
      }
    }
  }

  private int find(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("32-byte keys only");
    }
    long[] w = words(key);
    int mask = used.length - 1;
    int slot = (int) (w[0] ^ (w[0] >>> 29) ^ w[1]) & mask;
    while (used[slot]) {
      int base = slot * 4;
      if (keys[base] == w[0]
          && keys[base + 1] == w[1]
          && keys[base + 2] == w[2]
          && keys[base + 3] == w[3]) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    boolean[] oldUsed = used;
    allocate(oldUsed.length * 2);
    size = 0;
    for (int slot = 0; slot < oldUsed.length; slot++) {
      if (oldUsed[slot]) {
        put(bytes(oldKeys, slot), oldValues[slot]);
      }
    }
  }

  private void allocate(int slots) {
    keys = new long[slots * 4];
    values = new long[slots];
    used = new boolean[slots];
  }

  private byte[] bytes(int slot) {
    return bytes(keys, slot);
  }

  private static byte[] bytes(long[] keys, int slot) {
    byte[] key = new byte[32];
    for (int i = 0; i < 4; i++) {
      long v = keys[slot * 4 + i];
      for (int b = 0; b < 8; b++) {
        key[i * 8 + b] = (byte) (v >>> (56 - 8 * b));
      }
    }
    return key;
  }

  private static long[] words(byte[] key) {
    long[] w = new long[4];
    for (int i = 0; i < 4; i++) {
      long v = 0;
      for (int b = 0; b < 8; b++) {
        v = (v << 8) | (key[i * 8 + b] & 0xFF);
      }
      w[i] = v;
    }
    return w;
  }
}
