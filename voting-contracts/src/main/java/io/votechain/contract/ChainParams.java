package io.votechain.contract;

import io.votechain.encoding.CanonicalWriter;

/**
 * Chain-wide parameters fixed at genesis (docs/contracts.md §6), all in blocks:
 *
 * @param maxProposalLifetime how far past the current height a proposal's expiry may lie
 * @param attestationFreshness how many blocks an attestation keeps a device's ballots counting
 * @param attestationNonceWindow how old a block hash may be and still serve as attestation nonce
 */
public record ChainParams(
    long maxProposalLifetime, long attestationFreshness, long attestationNonceWindow) {
  public ChainParams {
    if (maxProposalLifetime < 1 || attestationFreshness < 1 || attestationNonceWindow < 1) {
      throw new IllegalArgumentException("chain parameters must be positive");
    }
  }

  byte[] encode() {
    return new CanonicalWriter()
        .varint(maxProposalLifetime)
        .varint(attestationFreshness)
        .varint(attestationNonceWindow)
        .toByteArray();
  }
}
