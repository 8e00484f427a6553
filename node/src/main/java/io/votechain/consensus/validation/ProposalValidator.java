package io.votechain.consensus.validation;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.Proposal;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import java.util.BitSet;

/**
 * Checks a proposal message: signed by proposer(h, r), the block hashes to the signed id(v), its
 * body is the one its header commits to, it sits at height h, and the proof of lock is empty for vr
 * = −1 and otherwise holds n − f valid prevotes of distinct validators for (h, vr, id(v)). The
 * block's own validity, valid(v), is judged separately by {@link BlockValidator}: an invalid block
 * still earns a nil prevote.
 */
public final class ProposalValidator {
  private final Genesis genesis;
  private final Hash32 chainId;
  private final SignatureVerifier signatures;
  private final VoteValidator votes;

  public ProposalValidator(
      Genesis genesis, Hash32 chainId, SignatureVerifier signatures, VoteValidator votes) {
    this.genesis = genesis;
    this.chainId = chainId;
    this.signatures = signatures;
    this.votes = votes;
  }

  public Verdict validate(ProposalMessage m) {
    Proposal p = m.proposal();
    if (!genesis.isValidator(p.proposer())) {
      return Verdict.reject(RejectReason.UNKNOWN_VALIDATOR);
    }
    if (p.proposer() != genesis.proposer(p.height(), p.round())) {
      return Verdict.reject(RejectReason.WRONG_PROPOSER);
    }
    if (!m.block().hash().equals(p.blockHash()) || m.block().height() != p.height()) {
      return Verdict.reject(RejectReason.BLOCK_HASH_MISMATCH);
    }
    if (!signatures.verify(p.proposer(), p.signBytes(chainId), m.signed().signature())) {
      return Verdict.reject(RejectReason.BAD_SIGNATURE);
    }
    // id(v) is the header hash, and the header commits to the body: a copy whose body does not
    // match its header is not the v the proposer signed. It must be refused here, before the core
    // stores it as round r's proposal and caches valid(v) = false under id(v) -- otherwise anyone
    // relaying a proposal can swap its transactions and make every later copy of the genuine v a
    // duplicate of an "invalid" block (soak seed 3093761, docs/consensus.md §4). After the
    // signature check, which is cached and cheaper than a Merkle root over a large body.
    if (!BlockValidator.checkBody(m.block()).accepted()) {
      return Verdict.reject(RejectReason.BLOCK_HASH_MISMATCH);
    }
    return checkProofOfLock(m);
  }

  private Verdict checkProofOfLock(ProposalMessage m) {
    Proposal p = m.proposal();
    if (p.validRound() < 0) {
      return m.proofOfLock().isEmpty()
          ? Verdict.accept()
          : Verdict.reject(RejectReason.BAD_PROOF_OF_LOCK);
    }
    BitSet signers = new BitSet();
    for (SignedVote sv : m.proofOfLock()) {
      Vote v = sv.vote();
      if (v.type() != VoteType.PREVOTE
          || v.height() != p.height()
          || v.round() != p.validRound()
          || v.isNil()
          || !v.blockHash().get().equals(p.blockHash())
          || signers.get(v.validator())) {
        return Verdict.reject(RejectReason.BAD_PROOF_OF_LOCK);
      }
      if (!votes.validate(sv).accepted()) {
        return Verdict.reject(RejectReason.BAD_PROOF_OF_LOCK);
      }
      signers.set(v.validator());
    }
    return signers.cardinality() >= genesis.quorum()
        ? Verdict.accept()
        : Verdict.reject(RejectReason.BAD_PROOF_OF_LOCK);
  }
}
