package io.votechain.ballot;

import io.votechain.crypto.proof.RangeProofResult;

/**
 * Implements VerifyBallot (docs/crypto.md §6.6): the ballot's structure against its style, then
 * every proof, one by one, stopping at the first failure and naming it. This is the reference
 * verifier; {@link BallotBatchVerifier} reaches the same verdicts faster.
 */
public final class BallotVerifier {
  private BallotVerifier() {}

  public static BallotVerification verify(
      EncryptionContext context, BallotStyle style, EncryptedBallot ballot) {
    BallotVerification structure = BallotProofs.checkStructure(style, ballot);
    if (!structure.isValid()) {
      return structure;
    }
    for (BallotProofs.Item item : BallotProofs.items(context, style, ballot)) {
      RangeProofResult result = item.proof().verify(item.statement());
      if (!result.isValid()) {
        return BallotVerification.proofFailed(item.contest(), item.selection(), result);
      }
    }
    return BallotVerification.VALID;
  }
}
