package io.votechain.crypto.threshold;

import io.votechain.crypto.hash.Hash32;

/**
 * The fixed inputs of a key ceremony (docs/crypto-threshold.md §2): the election base hash {@code
 * H_B} every proof and share is bound to, the number of trustees {@code n} and the threshold {@code
 * k} (any {@code k} of the {@code n} can decrypt, fewer learn nothing). Trustees are numbered
 * {@code 1..n}; the index is the point at which the polynomials are evaluated, so 0 (where the
 * secret lives) is never an index. Immutable.
 */
public record CeremonyParameters(Hash32 electionBaseHash, int trusteeCount, int threshold) {
  /** Largest supported {@code n}; the protocol targets 3 to 9, nothing depends on the limit. */
  public static final int MAX_TRUSTEES = 1024;

  public CeremonyParameters {
    if (electionBaseHash == null) {
      throw new IllegalArgumentException("election base hash must be present");
    }
    if (trusteeCount < 1 || trusteeCount > MAX_TRUSTEES) {
      throw new IllegalArgumentException("trustee count out of range: " + trusteeCount);
    }
    if (threshold < 1 || threshold > trusteeCount) {
      throw new IllegalArgumentException(
          "threshold must be in [1, " + trusteeCount + "], got " + threshold);
    }
  }

  /** Whether {@code index} names a trustee of this ceremony. */
  public boolean isTrustee(int index) {
    return index >= 1 && index <= trusteeCount;
  }

  void requireTrustee(int index) {
    if (!isTrustee(index)) {
      throw new IllegalArgumentException("no trustee " + index + " among " + trusteeCount);
    }
  }
}
