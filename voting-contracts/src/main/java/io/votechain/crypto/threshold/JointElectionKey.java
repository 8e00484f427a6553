package io.votechain.crypto.threshold;

import io.votechain.crypto.group.GroupElement;
import io.votechain.crypto.hash.Hash32;
import java.util.List;

/**
 * The public outcome of a key ceremony (docs/crypto-threshold.md §8): the joint election key {@code
 * K = Σ_i K_{i,0}}, the extended base hash {@code H_E = H(H_B; 0x12, K)} that binds every later
 * proof to this key, and every trustee's public verification key {@code K_ℓ = s_ℓ·G} (at position
 * {@code ℓ − 1}). Anyone can recompute it from the announcements with {@link KeyCeremony#jointKey}.
 * Immutable.
 */
public record JointElectionKey(
    CeremonyParameters parameters,
    GroupElement publicKey,
    Hash32 extendedBaseHash,
    List<GroupElement> verificationKeys) {

  public JointElectionKey {
    if (parameters == null || publicKey == null || extendedBaseHash == null) {
      throw new IllegalArgumentException("joint key components must be present");
    }
    verificationKeys = List.copyOf(verificationKeys);
    if (verificationKeys.size() != parameters.trusteeCount()) {
      throw new IllegalArgumentException("one verification key per trustee");
    }
  }

  /** {@code K_ℓ = s_ℓ·G} of trustee {@code ℓ ∈ [1, n]}. */
  public GroupElement verificationKey(int trustee) {
    parameters.requireTrustee(trustee);
    return verificationKeys.get(trustee - 1);
  }
}
