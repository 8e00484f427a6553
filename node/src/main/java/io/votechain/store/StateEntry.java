package io.votechain.store;

import java.nio.charset.StandardCharsets;
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

  /**
   * The key's last segment: an entry's id within its folder ({@code device/id/k-7} → {@code k-7}).
   * State keys are ASCII paths (docs/storage.md).
   */
  public String lastSegment() {
    String k = new String(key, StandardCharsets.US_ASCII);
    return k.substring(k.lastIndexOf('/') + 1);
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
