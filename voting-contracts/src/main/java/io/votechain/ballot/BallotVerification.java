package io.votechain.ballot;

import io.votechain.crypto.proof.RangeProofResult;

/**
 * The verdict on one encrypted ballot (docs/crypto.md §6.6): {@link Reason#VALID}, or why not,
 * where ({@code contest}, {@code selection}; {@code -1} when not applicable, {@code selection = -1}
 * for a contest's sum proof) and, for a proof, the proof's own verdict.
 */
public record BallotVerification(
    Reason reason, int contest, int selection, RangeProofResult proof) {
  public static final BallotVerification VALID =
      new BallotVerification(Reason.VALID, -1, -1, RangeProofResult.VALID);

  /** Why a ballot was refused. */
  public enum Reason {
    VALID,
    /** The ballot names a style the election does not have. */
    UNKNOWN_STYLE,
    /** Not one encrypted contest per contest of the style. */
    WRONG_CONTEST_COUNT,
    /** Contest {@code contest} has another id than the style's contest at that position. */
    CONTEST_ID_MISMATCH,
    /** Contest {@code contest} has not one encrypted selection per selection of the style. */
    WRONG_SELECTION_COUNT,
    /** The proof that selection {@code selection} encrypts 0 or the weight failed. */
    SELECTION_PROOF_INVALID,
    /** The proof that the contest's sum is within the selection limit failed. */
    CONTEST_PROOF_INVALID
  }

  public BallotVerification {
    if (reason == null || proof == null) {
      throw new IllegalArgumentException("reason and proof verdict must be present");
    }
  }

  public boolean isValid() {
    return reason == Reason.VALID;
  }

  static BallotVerification structural(Reason reason, int contest) {
    return new BallotVerification(reason, contest, -1, RangeProofResult.VALID);
  }

  static BallotVerification proofFailed(int contest, int selection, RangeProofResult proof) {
    Reason reason =
        selection == EncryptionContext.CONTEST_SUM_INDEX
            ? Reason.CONTEST_PROOF_INVALID
            : Reason.SELECTION_PROOF_INVALID;
    return new BallotVerification(reason, contest, selection, proof);
  }
}
