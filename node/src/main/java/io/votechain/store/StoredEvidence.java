package io.votechain.store;

import io.votechain.crypto.hash.Hash32;
import java.util.Objects;

/**
 * A piece of equivocation evidence as a store keeps it: its hash (the key) and its canonical
 * encoding ({@code EquivocationEvidence.encode()}), opaque to the store. Immutable.
 */
public record StoredEvidence(Hash32 hash, byte[] encoding) {
  public StoredEvidence {
    Objects.requireNonNull(hash, "hash");
    encoding = encoding.clone();
  }

  @Override
  public byte[] encoding() {
    return encoding.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredEvidence other
        && hash.equals(other.hash)
        && java.util.Arrays.equals(encoding, other.encoding);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "StoredEvidence[" + hash.hex() + "]";
  }
}
