package io.votechain.contract;

import io.votechain.crypto.sig.Ed25519PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What every validator is configured with before block 1 (docs/contracts.md §6): the chain id
 * (signed into every transaction), the election authority (officials' Ed25519 keys and the M of the
 * M-of-N rule) and the chain parameters. {@link ContractExecutor#initialize} writes it into state,
 * so it is covered by the genesis state hash and validators configured differently diverge at once.
 */
public record GenesisConfig(
    String chainId, List<Ed25519PublicKey> officials, int threshold, ChainParams params) {
  public static final int MAX_OFFICIALS = 64;

  public GenesisConfig {
    if (chainId == null || chainId.isEmpty() || chainId.length() > 64) {
      throw new IllegalArgumentException("chain id must have 1..64 characters");
    }
    officials = List.copyOf(officials);
    Objects.requireNonNull(params, "params");
    if (officials.isEmpty()
        || officials.size() > MAX_OFFICIALS
        || new HashSet<>(officials).size() != officials.size()) {
      throw new IllegalArgumentException("1.." + MAX_OFFICIALS + " distinct officials");
    }
    if (threshold < 1 || threshold > officials.size()) {
      throw new IllegalArgumentException("threshold must be 1..number of officials");
    }
  }
}
