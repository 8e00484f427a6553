package io.votechain.consensus.core;

import java.util.List;

/**
 * Pending transactions; the core pulls a batch when it is the proposer (getValue() of Algorithm 1).
 * The driver removes transactions from it when it sees them committed.
 */
public interface Mempool {
  /**
   * Up to {@code maxCount} transactions of at most {@code maxBytes} bytes in total, oldest first.
   */
  List<byte[]> reap(int maxCount, int maxBytes);
}
