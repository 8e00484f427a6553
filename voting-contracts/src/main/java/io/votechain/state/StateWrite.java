package io.votechain.state;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One write of a block: a key and its new value, or no value for a deletion. The block's sorted
 * writes are what the state hash commits to ({@link StateHash}).
 */
public record StateWrite(StateKey key, Optional<byte[]> value) {
  public StateWrite {
    Objects.requireNonNull(key, "key");
    value = value.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> value() {
    return value.map(byte[]::clone);
  }

  public boolean isDeletion() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateWrite other
        && key.equals(other.key)
        && value.isPresent() == other.value.isPresent()
        && (value.isEmpty() || Arrays.equals(value.get(), other.value.get()));
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + value.map(Arrays::hashCode).orElse(0);
  }

  @Override
  public String toString() {
    return "StateWrite["
        + key
        + (value.isEmpty() ? ", deleted]" : ", " + value.get().length + " bytes]");
  }
}
