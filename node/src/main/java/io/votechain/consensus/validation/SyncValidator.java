package io.votechain.consensus.validation;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.message.ConsensusMessage.SyncRequest;
import io.votechain.consensus.message.ConsensusMessage.SyncResponse;
import io.votechain.crypto.hash.Hash32;

/**
 * Checks the envelope of sync messages: a known author and a valid signature. The blocks inside a
 * response are verified one by one against their certificates by the core before it applies them,
 * since only the core knows the chain they must extend.
 */
public final class SyncValidator {
  private final Genesis genesis;
  private final Hash32 chainId;
  private final SignatureVerifier signatures;

  public SyncValidator(Genesis genesis, Hash32 chainId, SignatureVerifier signatures) {
    this.genesis = genesis;
    this.chainId = chainId;
    this.signatures = signatures;
  }

  public Verdict validate(SyncRequest m) {
    if (!genesis.isValidator(m.requester())) {
      return Verdict.reject(RejectReason.UNKNOWN_VALIDATOR);
    }
    byte[] bytes = SyncRequest.signBytes(chainId, m.requester(), m.fromHeight());
    return signatures.verify(m.requester(), bytes, m.signature())
        ? Verdict.accept()
        : Verdict.reject(RejectReason.BAD_SIGNATURE);
  }

  public Verdict validate(SyncResponse m) {
    if (!genesis.isValidator(m.responder())) {
      return Verdict.reject(RejectReason.UNKNOWN_VALIDATOR);
    }
    byte[] bytes = SyncResponse.signBytes(chainId, m.responder(), m.blocks());
    for (int i = 1; i < m.blocks().size(); i++) {
      if (m.blocks().get(i).height() != m.blocks().get(i - 1).height() + 1) {
        return Verdict.reject(RejectReason.MALFORMED);
      }
    }
    return signatures.verify(m.responder(), bytes, m.signature())
        ? Verdict.accept()
        : Verdict.reject(RejectReason.BAD_SIGNATURE);
  }
}
