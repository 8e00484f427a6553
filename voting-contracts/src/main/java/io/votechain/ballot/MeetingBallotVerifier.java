package io.votechain.ballot;

import io.votechain.crypto.proof.RangeProofResult;

/**
 * Implements VerifyMeetingBallot (docs/crypto.md §11.2): the structure against the holder's
 * weighted style, then every selection's proof of {0, w} and every resolution's proof that its sum
 * is exactly {@code w}, stopping at the first failure. {@code w} comes from the style, which the
 * caller builds from the share register — never from the ballot.
 */
public final class MeetingBallotVerifier {
  private MeetingBallotVerifier() {}

  public static BallotVerification verify(
      EncryptionContext context, BallotStyle holderStyle, EncryptedBallot ballot) {
    BallotVerification structure = BallotProofs.checkStructure(holderStyle, ballot);
    if (!structure.isValid()) {
      return structure;
    }
    for (BallotProofs.Item item : BallotProofs.items(context, holderStyle, ballot, true)) {
      RangeProofResult result = item.proof().verify(item.statement());
      if (!result.isValid()) {
        return BallotVerification.proofFailed(item.contest(), item.selection(), result);
      }
    }
    return BallotVerification.VALID;
  }
}
