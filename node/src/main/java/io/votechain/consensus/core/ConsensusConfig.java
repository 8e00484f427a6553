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
    int signatureCacheSize,
    long emptyBlockIntervalMillis) {
  /** How often the proposer polls its mempool while it waits to propose an empty block. */
  public static final long EMPTY_BLOCK_POLL_MILLIS = 25;

  /** Without the empty-block interval: every height is proposed at once (the paper's rule). */
  public ConsensusConfig(
      TimeoutPolicy timeouts,
      long maxClockAheadMillis,
      int maxRoundsAhead,
      int maxBlockTransactions,
      int maxBlockTransactionBytes,
      int signatureCacheSize) {
    this(
        timeouts,
        maxClockAheadMillis,
        maxRoundsAhead,
        maxBlockTransactions,
        maxBlockTransactionBytes,
        signatureCacheSize,
        0);
  }

  public ConsensusConfig {
    Objects.requireNonNull(timeouts, "timeouts");
    if (maxClockAheadMillis < 0
        || maxRoundsAhead < 1
        || maxBlockTransactions < 0
        || maxBlockTransactionBytes < 0
        || signatureCacheSize < 0
        || emptyBlockIntervalMillis < 0
        || emptyBlockIntervalMillis >= timeouts.proposeMillis()) {
      // The wait must end well before the other validators' propose timeout, or an idle chain
      // would change views at every height.
      throw new IllegalArgumentException("invalid consensus config");
    }
  }

  /**
   * Defaults for a LAN/WAN deployment: Tendermint's base timeouts (propose 3 s, prevote and
   * precommit 1 s) doubling up to 60 s; blocks of at most 500 transactions and 1 MiB, so that a
   * full block of ballots is checked, relayed and executed well inside the timeouts on small
   * machines; and an idle chain makes at most two empty blocks a second (Tendermint's
   * create_empty_blocks_interval). docs/consensus.md §7 says why.
   */
  public static ConsensusConfig defaults() {
    return new ConsensusConfig(
        new TimeoutPolicy(3000, 1000, 1000, 60_000), 5_000, 1_000, 500, 1024 * 1024, 8192, 500);
  }
}
