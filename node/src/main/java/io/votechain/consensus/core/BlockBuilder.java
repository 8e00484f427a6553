package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.crypto.hash.Hash32;
import java.util.List;
import java.util.Optional;

/** Assembles a block whose header matches its body (Merkle root, count, last-commit hash). */
public final class BlockBuilder {
  private BlockBuilder() {}

  public static Block build(
      Hash32 chainId,
      long height,
      int round,
      long timestamp,
      Hash32 parentHash,
      Hash32 stateHash,
      Optional<CommitCertificate> lastCommit,
      int proposer,
      List<byte[]> transactions) {
    BlockHeader header =
        new BlockHeader(
            chainId,
            height,
            round,
            timestamp,
            parentHash,
            Block.transactionsRoot(transactions),
            transactions.size(),
            stateHash,
            Block.lastCommitHash(lastCommit),
            proposer);
    return new Block(header, transactions, lastCommit);
  }
}
