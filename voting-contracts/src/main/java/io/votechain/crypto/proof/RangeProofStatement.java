package io.votechain.crypto.proof;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.hash.Hash32;
import java.util.List;

/**
 * What a {@link RangeProof} proves: "{@code ciphertext} encrypts, under {@code key}, one of {@code
 * values}", in the election {@code extendedBaseHash} and at the place {@code context} (which
 * ballot, contest and selection; docs/crypto.md §5.1). Every field enters the Fiat–Shamir
 * challenge, so a proof made for one statement fails for any other.
 *
 * @param extendedBaseHash {@code H_E}, the key of the challenge hash
 * @param context a hash naming the proof's place in the ballot, so proofs cannot be moved
 * @param key the election key {@code K}
 * @param ciphertext {@code (alpha, beta)}
 * @param values the allowed plaintexts {@code m_0 .. m_k}: distinct, non-negative
 */
public record RangeProofStatement(
    Hash32 extendedBaseHash,
    Hash32 context,
    ElectionKey key,
    Ciphertext ciphertext,
    List<Long> values) {
  /** At most this many allowed values (and so proof branches). */
  public static final int MAX_VALUES = 65;

  public RangeProofStatement {
    if (extendedBaseHash == null || context == null || key == null || ciphertext == null) {
      throw new IllegalArgumentException("statement components must be present");
    }
    values = List.copyOf(values);
    if (values.isEmpty() || values.size() > MAX_VALUES) {
      throw new IllegalArgumentException("between 1 and " + MAX_VALUES + " values");
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) < 0) {
        throw new IllegalArgumentException("values are non-negative");
      }
      for (int j = 0; j < i; j++) {
        if (values.get(i).equals(values.get(j))) {
          throw new IllegalArgumentException("values are distinct");
        }
      }
    }
  }
}
