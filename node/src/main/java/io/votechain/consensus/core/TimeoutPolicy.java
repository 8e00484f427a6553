package io.votechain.consensus.core;

/**
 * timeoutPropose/Prevote/Precommit(r). Departure from the paper (docs/consensus.md §7): the paper
 * grows timeouts linearly with the round; here they double each round up to {@code capMillis}, so
 * an unknown GST is found in logarithmically many rounds while a long outage cannot push timeouts
 * to absurd lengths.
 */
public record TimeoutPolicy(
    long proposeMillis, long prevoteMillis, long precommitMillis, long capMillis) {
  public TimeoutPolicy {
    if (proposeMillis < 1 || prevoteMillis < 1 || precommitMillis < 1 || capMillis < 1) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  public long timeout(TimerKind kind, int round) {
    long base =
        switch (kind) {
          case PROPOSE -> proposeMillis;
          case PREVOTE -> prevoteMillis;
          case PRECOMMIT, RELAY, SYNC -> precommitMillis;
          case BUILD -> ConsensusConfig.EMPTY_BLOCK_POLL_MILLIS;
        };
    int shift = Math.min(round, 30);
    return Math.min(capMillis, base << shift);
  }
}
