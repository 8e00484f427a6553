package io.votechain.consensus.block;

/**
 * Bounds on what one block may carry; the decoder enforces them before allocating, and an honest
 * proposer never exceeds them (docs/consensus.md §3).
 */
public final class BlockLimits {
  public static final int MAX_TRANSACTIONS = 10_000;
  public static final int MAX_TRANSACTION_BYTES = 64 * 1024;
  public static final int MAX_TRANSACTIONS_BYTES = 4 * 1024 * 1024;

  private BlockLimits() {}
}
