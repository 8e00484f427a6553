package io.votechain.consensus.core;

import io.votechain.consensus.block.Block;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.ConsensusMessage;
import io.votechain.consensus.message.ConsensusMessage.ProposalMessage;
import io.votechain.consensus.message.ConsensusMessage.VoteMessage;
import io.votechain.consensus.message.SignedProposal;
import io.votechain.consensus.message.SignedVote;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A signed proposal or vote as the {@link SafetyState} keeps it: a vote whole, a proposal without
 * its block. The block is saved once, by hash, beside the state ({@link SafetyStore#save}), so that
 * a vote's fsync does not rewrite megabytes of transactions (docs/consensus.md §6). Immutable.
 */
public sealed interface SavedMessage {
  int TAG_PROPOSAL = 1;
  int TAG_VOTE = 2;

  /** A prevote or precommit, exactly as signed. */
  record Vote(SignedVote signed) implements SavedMessage {
    public Vote {
      Objects.requireNonNull(signed, "signed");
    }
  }

  /** A proposal's signed part and proof of lock; the block is the one the signature names. */
  record Proposal(SignedProposal signed, List<SignedVote> proofOfLock) implements SavedMessage {
    public Proposal {
      Objects.requireNonNull(signed, "signed");
      proofOfLock = List.copyOf(proofOfLock);
      if (proofOfLock.size() > Genesis.MAX_VALIDATORS) {
        throw new IllegalArgumentException("proof of lock larger than any validator set");
      }
    }

    public Hash32 blockHash() {
      return signed.proposal().blockHash();
    }
  }

  /** The saved form of a proposal or vote; sync messages are never part of the safety state. */
  static SavedMessage of(ConsensusMessage m) {
    if (m instanceof VoteMessage vm) {
      return new Vote(vm.signed());
    }
    if (m instanceof ProposalMessage pm) {
      return new Proposal(pm.signed(), pm.proofOfLock());
    }
    throw new IllegalArgumentException("only proposals and votes are saved");
  }

  /**
   * The message as it was sent, with a proposal's block taken from {@code blocks}; empty if that
   * block is missing or is not the one the proposer signed.
   */
  default Optional<ConsensusMessage> restore(Function<Hash32, Optional<Block>> blocks) {
    if (this instanceof Vote v) {
      return Optional.of(new VoteMessage(v.signed()));
    }
    Proposal p = (Proposal) this;
    return blocks
        .apply(p.blockHash())
        .filter(b -> b.hash().equals(p.blockHash()))
        .map(b -> new ProposalMessage(p.signed(), b, p.proofOfLock()));
  }

  default void writeTo(CanonicalWriter w) {
    if (this instanceof Vote v) {
      w.u8(TAG_VOTE);
      v.signed().writeTo(w);
    } else {
      Proposal p = (Proposal) this;
      w.u8(TAG_PROPOSAL);
      p.signed().writeTo(w);
      w.list(p.proofOfLock(), (x, v) -> v.writeTo(x));
    }
  }

  static SavedMessage readFrom(CanonicalReader r) {
    int tag = r.u8();
    if (tag == TAG_VOTE) {
      return new Vote(SignedVote.readFrom(r));
    }
    if (tag == TAG_PROPOSAL) {
      SignedProposal sp = SignedProposal.readFrom(r);
      return new Proposal(sp, r.list(Genesis.MAX_VALIDATORS, SignedVote::readFrom));
    }
    throw CanonicalReader.unknownTag("saved message", tag);
  }
}
