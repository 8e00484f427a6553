package io.votechain.consensus.block;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.SignedVote;
import io.votechain.consensus.message.Vote;
import io.votechain.consensus.message.VoteType;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.hash.Sha256;
import io.votechain.encoding.CanonicalReader;
import io.votechain.encoding.CanonicalWriter;
import io.votechain.encoding.EncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A quorum certificate for a decided block: the precommit signatures ⟨PRECOMMIT, h, r, id(v)⟩ of at
 * least n − f distinct validators (line 49 of Algorithm 1). Signers are listed in strictly
 * increasing index order, so a certificate has one encoding and cannot repeat a signer. Verifying
 * it needs only the genesis ({@link io.votechain.consensus.validation.CertificateValidator}).
 * Immutable.
 */
public record CommitCertificate(
    long height, int round, Hash32 blockHash, List<CommitCertificate.Signature> signatures) {
  private static final int HASH_TAG = 0x43; // 'C'

  /** One validator's precommit signature. */
  public record Signature(int validator, byte[] signature) {
    public Signature {
      if (validator < 0 || signature.length != SignedVote.SIGNATURE_LENGTH) {
        throw new IllegalArgumentException("invalid commit signature");
      }
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature s
          && s.validator == validator
          && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
      return validator * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
      return "Signature[" + validator + "]";
    }
  }

  public CommitCertificate {
    Objects.requireNonNull(blockHash, "blockHash");
    signatures = List.copyOf(signatures);
    if (height < 1 || round < 0 || signatures.isEmpty()) {
      throw new IllegalArgumentException("invalid certificate");
    }
    for (int i = 1; i < signatures.size(); i++) {
      if (signatures.get(i).validator() <= signatures.get(i - 1).validator()) {
        throw new IllegalArgumentException("signers must be strictly increasing");
      }
    }
  }

  /** Builds a certificate from precommits for the same (h, r, id(v)), in any order. */
  public static CommitCertificate of(List<SignedVote> precommits) {
    List<SignedVote> sorted = new ArrayList<>(precommits);
    sorted.sort((a, b) -> Integer.compare(a.vote().validator(), b.vote().validator()));
    Vote first = sorted.get(0).vote();
    List<Signature> sigs = new ArrayList<>();
    for (SignedVote sv : sorted) {
      Vote v = sv.vote();
      if (v.type() != VoteType.PRECOMMIT
          || v.height() != first.height()
          || v.round() != first.round()
          || !v.blockHash().equals(first.blockHash())
          || v.isNil()) {
        throw new IllegalArgumentException("precommits disagree");
      }
      sigs.add(new Signature(v.validator(), sv.signature()));
    }
    return new CommitCertificate(first.height(), first.round(), first.blockHash().get(), sigs);
  }

  /** The precommit signer {@code s} signed. */
  public Vote precommitOf(Signature s) {
    return new Vote(VoteType.PRECOMMIT, height, round, Optional.of(blockHash), s.validator());
  }

  public List<SignedVote> precommits() {
    List<SignedVote> out = new ArrayList<>(signatures.size());
    for (Signature s : signatures) {
      out.add(new SignedVote(precommitOf(s), s.signature()));
    }
    return out;
  }

  public void writeTo(CanonicalWriter w) {
    w.varint(height).varint(round).fixed(blockHash.bytes());
    w.list(signatures, (x, s) -> x.varint(s.validator()).fixed(s.signature));
  }

  public static CommitCertificate readFrom(CanonicalReader r) {
    long height = r.varint(Long.MAX_VALUE);
    int round = (int) r.varint(Integer.MAX_VALUE);
    Hash32 hash = Hash32.of(r.fixed(Hash32.LENGTH));
    List<Signature> sigs =
        r.list(
            Genesis.MAX_VALIDATORS,
            x -> new Signature((int) x.varint(Genesis.MAX_VALIDATORS), x.fixed(64)));
    try {
      return new CommitCertificate(height, round, hash, sigs);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(EncodingException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  /** SHA-256(0x43 || encoding): what a block header commits to as its last-commit hash. */
  public Hash32 hash() {
    return Sha256.tagged(HASH_TAG, encode());
  }
}
