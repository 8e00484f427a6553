package io.votechain.consensus.validation;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.SignedVote;
import io.votechain.crypto.hash.Hash32;

/** Checks a signed prevote or precommit: a known author whose signature covers the vote. */
public final class VoteValidator {
  private final Genesis genesis;
  private final Hash32 chainId;
  private final SignatureVerifier signatures;

  public VoteValidator(Genesis genesis, Hash32 chainId, SignatureVerifier signatures) {
    this.genesis = genesis;
    this.chainId = chainId;
    this.signatures = signatures;
  }

  public Verdict validate(SignedVote signed) {
    int author = signed.vote().validator();
    if (!genesis.isValidator(author)) {
      return Verdict.reject(RejectReason.UNKNOWN_VALIDATOR);
    }
    if (!signatures.verify(author, signed.vote().signBytes(chainId), signed.signature())) {
      return Verdict.reject(RejectReason.BAD_SIGNATURE);
    }
    return Verdict.accept();
  }
}
