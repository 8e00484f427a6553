package io.votechain.ballot;

import io.votechain.crypto.elgamal.ElectionKey;
import io.votechain.crypto.hash.ElectionHash;
import io.votechain.crypto.hash.Hash32;

/**
 * What every ballot of one election is bound to (docs/crypto.md §6.2): the extended base hash
 * {@code H_E} (which commits to the manifest, the parameters and the key ceremony) and the election
 * key {@code K}. Immutable.
 */
public record EncryptionContext(Hash32 extendedBaseHash, ElectionKey electionKey) {
  /** Domain byte of the ballot binding {@code H_I = H(H_E; 0x20, ballotId)}. */
  public static final int DOMAIN_BALLOT_BINDING = 0x20;

  /** Domain byte of the place of a proof, {@code H(H_I; 0x27, i, j)}. */
  public static final int DOMAIN_PROOF_CONTEXT = 0x27;

  /** Selection index standing for "the contest sum" in a proof context. */
  public static final int CONTEST_SUM_INDEX = -1;

  public EncryptionContext {
    if (extendedBaseHash == null || electionKey == null) {
      throw new IllegalArgumentException("context components must be present");
    }
  }

  /** {@code H_I = H(H_E; 0x20, ballotId)}: EG 2.1's selection encryption identifier hash. */
  public Hash32 ballotBinding(String ballotId) {
    return ElectionHash.hash(extendedBaseHash, DOMAIN_BALLOT_BINDING, ballotId);
  }

  /**
   * The context of the proof of selection {@code j} of contest {@code i} ({@code j = -1}, encoded
   * as u32 0xFFFFFFFF, for the contest sum): {@code H(H_I; 0x27, u32 i, u32 j)}.
   */
  static Hash32 proofContext(Hash32 ballotBinding, int contest, int selection) {
    return ElectionHash.hash(ballotBinding, DOMAIN_PROOF_CONTEXT, contest, selection);
  }
}
