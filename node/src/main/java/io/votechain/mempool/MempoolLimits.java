package io.votechain.mempool;

/**
 * Bounds of the mempool.
 *
 * @param maxTransactions pending transactions at most
 * @param maxBytes pending bytes at most
 * @param maxPerSender pending transactions of one sender at most
 * @param maxTransactionBytes the largest single transaction
 * @param rememberCommitted how many committed ids are remembered to refuse a late duplicate
 */
public record MempoolLimits(
    int maxTransactions,
    long maxBytes,
    int maxPerSender,
    int maxTransactionBytes,
    int rememberCommitted) {
  public MempoolLimits {
    if (maxTransactions < 1 || maxBytes < 1 || maxPerSender < 1 || maxTransactionBytes < 1) {
      throw new IllegalArgumentException("mempool limits must be positive");
    }
  }

  /** 50 000 transactions or 256 MiB, 64 per sender (a device's queue), 1 MiB each. */
  public static MempoolLimits defaults() {
    return new MempoolLimits(50_000, 256L * 1024 * 1024, 64, 1024 * 1024, 200_000);
  }
}
