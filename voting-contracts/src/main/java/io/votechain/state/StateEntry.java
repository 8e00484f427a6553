package io.votechain.state;

import java.util.Arrays;
import java.util.Objects;

/** One key and its value, as returned by an ordered scan. The value is copied in and out. */
public record StateEntry(StateKey key, byte[] value) {
  public StateEntry {
    Objects.requireNonNull(key, "key");
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateEntry other
        && key.equals(other.key)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "StateEntry[" + key + ", " + value.length + " bytes]";
  }
}
