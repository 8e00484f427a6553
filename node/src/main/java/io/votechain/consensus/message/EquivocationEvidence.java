package io.votechain.consensus.message;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Proof that a validator signed two different values for the same height, round and step
 * (docs/consensus.md §8). Anyone holding the genesis can check it with {@link #verify}; the
 * application may put it on the ledger. The pair is stored in a canonical order (smaller signature
 * first) so the same equivocation always has the same encoding.
 */
public sealed interface EquivocationEvidence {
  /** Domain tag of {@link #hash()} (0x42 blocks, 0x43 certificates, 0x47 the genesis). */
  int HASH_TAG = 0x45;

  int offender();

  /** True when both messages are validly signed by {@link #offender()} and really conflict. */
  default boolean verify(Genesis genesis, Hash32 chainId) {
    return check(genesis, chainId).isEmpty();
  }

  /**
   * Why this evidence proves nothing, or empty when both messages are validly signed by {@link
   * #offender()} for one slot with different values. Reasons in the order of {@link EvidenceFault}:
   * the structural ones first, signatures last.
   */
  Optional<EvidenceFault> check(Genesis genesis, Hash32 chainId);

  byte[] encode();

  /**
   * {@code SHA-256(0x45 ‖ encode())}: the key under which validators keep and serve it. The
   * encoding orders the pair canonically, so one equivocation has one hash whoever found it.
   */
  default Hash32 hash() {
    return Sha256.tagged(HASH_TAG, encode());
  }

  /** The height of the conflicting messages. */
  long height();

  /** The round of the conflicting messages. */
  int round();

  /** {@code PREVOTE}, {@code PRECOMMIT} or {@code PROPOSAL}. */
  String step();

  /**
   * Decodes and checks evidence received from anyone: the evidence, or why it proves nothing
   * ({@link EvidenceFault#MALFORMED_EVIDENCE} for bytes that do not decode).
   */
  static Checked checkEncoded(byte[] bytes, Genesis genesis, Hash32 chainId) {
    EquivocationEvidence e;
    try {
      if (bytes.length > MAX_ENCODED_BYTES) {
        return new Checked(Optional.empty(), Optional.of(EvidenceFault.MALFORMED_EVIDENCE));
      }
      e = decode(bytes);
    } catch (EncodingException | IllegalArgumentException x) {
      return new Checked(Optional.empty(), Optional.of(EvidenceFault.MALFORMED_EVIDENCE));
    }
    return new Checked(Optional.of(e), e.check(genesis, chainId));
  }

  /** Larger than any well-formed evidence (two votes or two proposal headers with signatures). */
  int MAX_ENCODED_BYTES = 4_096;

  /** The outcome of {@link #checkEncoded}: the decoded evidence if any, and its fault if any. */
  record Checked(Optional<EquivocationEvidence> evidence, Optional<EvidenceFault> fault) {
    public boolean ok() {
      return fault.isEmpty();
    }
  }

  /** The last two checks of both kinds: a genesis validator signed both messages. */
  private static Optional<EvidenceFault> signedByBoth(
      Genesis genesis,
      int validator,
      byte[] firstMessage,
      byte[] firstSignature,
      byte[] secondMessage,
      byte[] secondSignature) {
    if (!genesis.isValidator(validator)) {
      return Optional.of(EvidenceFault.UNKNOWN_VALIDATOR);
    }
    var key = genesis.validator(validator).key();
    boolean signed =
        key.verify(firstMessage, firstSignature) && key.verify(secondMessage, secondSignature);
    return signed ? Optional.empty() : Optional.of(EvidenceFault.BAD_SIGNATURE);
  }

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
    public Optional<EvidenceFault> check(Genesis genesis, Hash32 chainId) {
      Vote a = first.vote();
      Vote b = second.vote();
      if (!a.sameSlot(b)) {
        return Optional.of(EvidenceFault.DIFFERENT_SLOT);
      }
      if (a.blockHash().equals(b.blockHash())) {
        return Optional.of(EvidenceFault.SAME_VALUE);
      }
      return signedByBoth(
          genesis,
          a.validator(),
          a.signBytes(chainId),
          first.signature(),
          b.signBytes(chainId),
          second.signature());
    }

    @Override
    public long height() {
      return first.vote().height();
    }

    @Override
    public int round() {
      return first.vote().round();
    }

    @Override
    public String step() {
      return first.vote().type().name();
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
    public Optional<EvidenceFault> check(Genesis genesis, Hash32 chainId) {
      Proposal a = first.proposal();
      Proposal b = second.proposal();
      if (a.height() != b.height() || a.round() != b.round() || a.proposer() != b.proposer()) {
        return Optional.of(EvidenceFault.DIFFERENT_SLOT);
      }
      if (a.equals(b)) {
        return Optional.of(EvidenceFault.SAME_VALUE);
      }
      return signedByBoth(
          genesis,
          a.proposer(),
          a.signBytes(chainId),
          first.signature(),
          b.signBytes(chainId),
          second.signature());
    }

    @Override
    public long height() {
      return first.proposal().height();
    }

    @Override
    public int round() {
      return first.proposal().round();
    }

    @Override
    public String step() {
      return "PROPOSAL";
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
