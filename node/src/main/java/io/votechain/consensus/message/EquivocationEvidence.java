package io.votechain.consensus.message;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * Proof that a validator signed two different values for the same height, round and step
 * (docs/consensus.md §8). Anyone holding the genesis can check it with {@link #verify}; the
 * application may put it on the ledger. The pair is stored in a canonical order (smaller signature
 * first) so the same equivocation always has the same encoding.
 */
public sealed interface EquivocationEvidence {
  int offender();

  /** True when both messages are validly signed by {@link #offender()} and really conflict. */
  boolean verify(Genesis genesis, Hash32 chainId);

  byte[] encode();

  /** Two votes of the same type, height and round with different block hashes. */
  record DuplicateVote(SignedVote first, SignedVote second) implements EquivocationEvidence {
    public DuplicateVote {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (Arrays.compareUnsigned(first.signature(), second.signature()) > 0) {
        SignedVote t = first;
        first = second;
        second = t;
      }
    }

    @Override
    public int offender() {
      return first.vote().validator();
    }

    @Override
    public boolean verify(Genesis genesis, Hash32 chainId) {
      Vote a = first.vote();
      Vote b = second.vote();
      if (!a.sameSlot(b) || a.blockHash().equals(b.blockHash())) {
        return false;
      }
      if (!genesis.isValidator(a.validator())) {
        return false;
      }
      var key = genesis.validator(a.validator()).key();
      return key.verify(a.signBytes(chainId), first.signature())
          && key.verify(b.signBytes(chainId), second.signature());
    }

    @Override
    public byte[] encode() {
      CanonicalWriter w = new CanonicalWriter().u8(1);
      first.writeTo(w);
      second.writeTo(w);
      return w.toByteArray();
    }
  }

  /** Two proposals for the same height and round with different blocks or valid rounds. */
  record DuplicateProposal(SignedProposal first, SignedProposal second)
      implements EquivocationEvidence {
    public DuplicateProposal {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (Arrays.compareUnsigned(first.signature(), second.signature()) > 0) {
        SignedProposal t = first;
        first = second;
        second = t;
      }
    }

    @Override
    public int offender() {
      return first.proposal().proposer();
    }

    @Override
    public boolean verify(Genesis genesis, Hash32 chainId) {
      Proposal a = first.proposal();
      Proposal b = second.proposal();
      if (a.height() != b.height()
          || a.round() != b.round()
          || a.proposer() != b.proposer()
          || a.equals(b)) {
        return false;
      }
      if (!genesis.isValidator(a.proposer())) {
        return false;
      }
      var key = genesis.validator(a.proposer()).key();
      return key.verify(a.signBytes(chainId), first.signature())
          && key.verify(b.signBytes(chainId), second.signature());
    }

    @Override
    public byte[] encode() {
      CanonicalWriter w = new CanonicalWriter().u8(2);
      first.writeTo(w);
      second.writeTo(w);
      return w.toByteArray();
    }
  }

  static EquivocationEvidence decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.u8();
    EquivocationEvidence e =
        switch (tag) {
          case 1 -> new DuplicateVote(SignedVote.readFrom(r), SignedVote.readFrom(r));
          case 2 -> new DuplicateProposal(SignedProposal.readFrom(r), SignedProposal.readFrom(r));
          default -> throw CanonicalReader.unknownTag("evidence", tag);
        };
    r.finish();
    return e;
  }
}
