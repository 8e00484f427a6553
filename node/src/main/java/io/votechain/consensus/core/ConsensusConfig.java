package io.votechain.consensus.core;

import java.util.Objects;

/**
 * Tunables of one validator's core. {@code maxClockAheadMillis} bounds how far a proposal's
 * timestamp may be ahead of the local clock; {@code maxRoundsAhead} bounds how many rounds ahead of
 * the current one a message is kept (memory bound against Byzantine round flooding).
 */
public record ConsensusConfig(
    TimeoutPolicy timeouts,
    long maxClockAheadMillis,
    int maxRoundsAhead,
    int maxBlockTransactions,
    int maxBlockTransactionBytes,
    int signatureCacheSize) {
  public ConsensusConfig {
    Objects.requireNonNull(timeouts, "timeouts");
    if (maxClockAheadMillis < 0
        || maxRoundsAhead < 1
        || maxBlockTransactions < 0
        || maxBlockTransactionBytes < 0
        || signatureCacheSize < 0) {
      throw new IllegalArgumentException("invalid consensus config");
    }
  }

  /** Defaults for a LAN/WAN deployment: 1 s base timeouts doubling up to 60 s. */
  public static ConsensusConfig defaults() {
    return new ConsensusConfig(
        new TimeoutPolicy(1000, 1000, 1000, 60_000), 5_000, 1_000, 5_000, 2 * 1024 * 1024, 8192);
  }
}
