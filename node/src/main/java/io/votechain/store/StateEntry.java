package io.votechain.store;

import java.util.Arrays;

/** A key and its value in the contracts' state. Arrays are copied in and out; immutable. */
public record StateEntry(byte[] key, byte[] value) {
  public StateEntry {
    key = key.clone();
    value = value.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateEntry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
  }
}
