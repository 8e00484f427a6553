package io.votechain.consensus.core;

/** The timers the core asks its driver to run. */
public enum TimerKind {
  /** OnTimeoutPropose, line 57 of Algorithm 1. */
  PROPOSE,
  /** OnTimeoutPrevote, line 61. */
  PREVOTE,
  /** OnTimeoutPrecommit, line 65. */
  PRECOMMIT,
  /** Re-send this height's messages while stuck (replaces the paper's gossip assumption). */
  RELAY,
  /** Give up waiting for a sync response. */
  SYNC,
  /** The proposer checks again whether to propose, while it waits to propose an empty block. */
  BUILD
}
