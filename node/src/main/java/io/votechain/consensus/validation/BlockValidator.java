package io.votechain.consensus.validation;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.block.BlockHeader;
import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * valid(v) of Algorithm 1 (docs/consensus.md §3): the header matches the body (Merkle root, count,
 * last-commit hash), links to the parent, carries the application's state hash, a timestamp after
 * the parent's and not too far ahead of the local clock, the parent's commit certificate, and only
 * transactions the application accepts, none twice.
 */
public final class BlockValidator {
  private final Genesis genesis;
  private final Hash32 chainId;
  private final CertificateValidator certificates;
  private final long maxClockAheadMillis;

  public BlockValidator(
      Genesis genesis,
      Hash32 chainId,
      CertificateValidator certificates,
      long maxClockAheadMillis) {
    this.genesis = genesis;
    this.chainId = chainId;
    this.certificates = certificates;
    this.maxClockAheadMillis = maxClockAheadMillis;
  }

  public Verdict validate(Block block, BlockContext ctx, Predicate<byte[]> transactionValid) {
    BlockHeader h = block.header();
    if (!h.chainId().equals(chainId)) {
      return Verdict.reject(RejectReason.WRONG_CHAIN);
    }
    if (h.height() != ctx.height()) {
      return Verdict.reject(RejectReason.WRONG_HEIGHT);
    }
    if (!genesis.isValidator(h.proposer())
        || h.proposer() != genesis.proposer(h.height(), h.round())) {
      return Verdict.reject(RejectReason.WRONG_PROPOSER);
    }
    if (!h.previousBlockHash().equals(ctx.parentHash())) {
      return Verdict.reject(RejectReason.WRONG_PARENT);
    }
    if (h.timestamp() <= ctx.parentTimestamp()) {
      return Verdict.reject(RejectReason.TIMESTAMP_NOT_AFTER_PARENT);
    }
    if (ctx.localTime().isPresent()
        && h.timestamp() > ctx.localTime().getAsLong() + maxClockAheadMillis) {
      return Verdict.reject(RejectReason.TIMESTAMP_TOO_FAR_AHEAD);
    }
    if (!h.stateHash().equals(ctx.stateHash())) {
      return Verdict.reject(RejectReason.WRONG_STATE_HASH);
    }
    Verdict lastCommit = checkLastCommit(block);
    if (!lastCommit.accepted()) {
      return lastCommit;
    }
    Verdict body = checkBody(block);
    if (!body.accepted()) {
      return body;
    }
    var txs = block.transactions();
    // Order of checks inside the loop does not matter for the verdict's reason: duplicates are
    // found by content hash; the set is only queried, never iterated.
    Set<Hash32> seen = new HashSet<>();
    for (byte[] tx : txs) {
      if (!seen.add(Sha256.hash(tx))) {
        return Verdict.reject(RejectReason.DUPLICATE_TRANSACTION);
      }
      if (!transactionValid.test(tx)) {
        return Verdict.reject(RejectReason.INVALID_TRANSACTION);
      }
    }
    return Verdict.accept();
  }

  /**
   * Whether the body is the one the header commits to: transaction count, Merkle root and
   * last-commit hash. id(v) is the header hash, so only a block that passes this is the value v
   * that id(v) names; anything else is a corrupted copy, not a (possibly invalid) proposal of v
   * (docs/consensus.md §4, soak seed 3093761).
   */
  public static Verdict checkBody(Block block) {
    BlockHeader h = block.header();
    if (!h.lastCommitHash().equals(Block.lastCommitHash(block.lastCommit()))) {
      return Verdict.reject(RejectReason.BAD_LAST_COMMIT);
    }
    var txs = block.transactions();
    if (h.transactionCount() != txs.size()
        || !h.transactionsRoot().equals(Block.transactionsRoot(txs))) {
      return Verdict.reject(RejectReason.BAD_TRANSACTIONS_ROOT);
    }
    return Verdict.accept();
  }

  /** The "not too far ahead of my clock" half of the timestamp rule, checked when prevoting. */
  public boolean timestampAcceptable(Block block, long localTime) {
    return block.header().timestamp() <= localTime + maxClockAheadMillis;
  }

  private Verdict checkLastCommit(Block block) {
    BlockHeader h = block.header();
    Optional<CommitCertificate> lc = block.lastCommit();
    if (!h.lastCommitHash().equals(Block.lastCommitHash(lc))) {
      return Verdict.reject(RejectReason.BAD_LAST_COMMIT);
    }
    if (h.height() == 1) {
      return lc.isEmpty() ? Verdict.accept() : Verdict.reject(RejectReason.BAD_LAST_COMMIT);
    }
    if (lc.isEmpty()) {
      return Verdict.reject(RejectReason.BAD_LAST_COMMIT);
    }
    Verdict v = certificates.validate(lc.get(), h.height() - 1, h.previousBlockHash());
    return v.accepted() ? v : Verdict.reject(RejectReason.BAD_LAST_COMMIT);
  }
}
