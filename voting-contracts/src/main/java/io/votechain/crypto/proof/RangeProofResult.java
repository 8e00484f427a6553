package io.votechain.crypto.proof;

/**
 * The verdict on a {@link RangeProof}: {@link Reason#VALID}, or why not and at which branch ({@code
 * -1} when the failure concerns the whole proof).
 */
public record RangeProofResult(Reason reason, int branch) {
  public static final RangeProofResult VALID = new RangeProofResult(Reason.VALID, -1);

  /** Why a proof was refused (docs/crypto.md §5.3). */
  public enum Reason {
    VALID,
    /** The proof has not one branch per allowed value. */
    WRONG_BRANCH_COUNT,
    /** {@code c_0 + ... + c_k != H(H_E; 0x21, ...)}: altered, or made for another statement. */
    CHALLENGE_MISMATCH,
    /** {@code a_j != v_j·G + c_j·alpha}. */
    COMMITMENT_A_MISMATCH,
    /** {@code b_j != v_j·K + c_j·(beta - m_j·G)}. */
    COMMITMENT_B_MISMATCH
  }

  public RangeProofResult {
    if (reason == null) {
      throw new IllegalArgumentException("reason must be present");
    }
  }

  public boolean isValid() {
    return reason == Reason.VALID;
  }

  static RangeProofResult fail(Reason reason, int branch) {
    return new RangeProofResult(reason, branch);
  }
}
