package io.votechain.store;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One write of a block to the contracts' key-value state: {@code value == null} deletes the key.
 * Arrays are copied in and out; instances are immutable.
 */
public record StateWrite(byte[] key, byte[] value) {
  public static final int MAX_KEY_BYTES = 512;
  public static final int MAX_VALUE_BYTES = 4 * 1024 * 1024;

  public StateWrite {
    if (key == null || key.length == 0 || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("state key must have 1.." + MAX_KEY_BYTES + " bytes");
    }
    if (value != null && value.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("state value over " + MAX_VALUE_BYTES + " bytes");
    }
    key = key.clone();
    value = value == null ? null : value.clone();
  }

  public static StateWrite put(byte[] key, byte[] value) {
    return new StateWrite(key, java.util.Objects.requireNonNull(value, "value"));
  }

  public static StateWrite delete(byte[] key) {
    return new StateWrite(key, null);
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public byte[] value() {
    return value == null ? null : value.clone();
  }

  public boolean isDelete() {
    return value == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateWrite w && Arrays.equals(key, w.key) && Arrays.equals(value, w.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "StateWrite[" + HexFormat.of().formatHex(key) + (isDelete() ? " deleted]" : "]");
  }
}
