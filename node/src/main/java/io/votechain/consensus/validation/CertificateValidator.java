package io.votechain.consensus.validation;

import io.votechain.consensus.block.CommitCertificate;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.crypto.hash.Hash32;

/**
 * Checks a commit certificate for a given height and block: at least n − f distinct validators (the
 * constructor already forces strictly increasing signers), each signature valid over its
 * ⟨PRECOMMIT, h, r, id(v)⟩.
 */
public final class CertificateValidator {
  private final Genesis genesis;
  private final Hash32 chainId;
  private final SignatureVerifier signatures;

  public CertificateValidator(Genesis genesis, Hash32 chainId, SignatureVerifier signatures) {
    this.genesis = genesis;
    this.chainId = chainId;
    this.signatures = signatures;
  }

  public Verdict validate(CommitCertificate cert, long height, Hash32 blockHash) {
    if (cert.height() != height || !cert.blockHash().equals(blockHash)) {
      return Verdict.reject(RejectReason.BAD_CERTIFICATE);
    }
    if (cert.signatures().size() < genesis.quorum()) {
      return Verdict.reject(RejectReason.BAD_CERTIFICATE);
    }
    for (CommitCertificate.Signature s : cert.signatures()) {
      if (!genesis.isValidator(s.validator())) {
        return Verdict.reject(RejectReason.UNKNOWN_VALIDATOR);
      }
      if (!signatures.verify(
          s.validator(), cert.precommitOf(s).signBytes(chainId), s.signature())) {
        return Verdict.reject(RejectReason.BAD_SIGNATURE);
      }
    }
    return Verdict.accept();
  }
}
