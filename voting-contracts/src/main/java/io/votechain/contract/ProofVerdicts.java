package io.votechain.contract;

import io.votechain.ballot.BallotVerification;
import io.votechain.crypto.hash.Hash32;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verdicts on ballot proofs computed in a batch ahead of the checks that need them ({@link
 * ContractExecutor#verifyProofs}), keyed by each ballot's hash under its election's extended base
 * hash — the key the checking executor's memory uses, which commits to the election's key and
 * manifest, so a verdict can never answer for another ballot.
 */
public record ProofVerdicts(Map<Hash32, BallotVerification> byBallotHash) {
  public ProofVerdicts {
    byBallotHash = Collections.unmodifiableMap(new LinkedHashMap<>(byBallotHash));
  }

  public int size() {
    return byBallotHash.size();
  }
}
