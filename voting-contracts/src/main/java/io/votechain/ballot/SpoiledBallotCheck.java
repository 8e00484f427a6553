package io.votechain.ballot;

import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.hash.Hash32;
import java.util.List;

/**
 * Implements the Benaloh challenge check (docs/crypto.md §6.7): given a spoiled ballot, the nonces
 * its device disclosed and the plaintext the screen showed, recompute every selection's encryption
 * and compare. A mismatch names the first selection that differs.
 */
public final class SpoiledBallotCheck {
  private SpoiledBallotCheck() {}

  /** The verdict: {@link Reason#MATCHES}, or the first difference found. */
  public record Result(Reason reason, int contest, int selection) {
    public boolean matches() {
      return reason == Reason.MATCHES;
    }
  }

  /** Why a spoiled ballot does not match the claimed plaintext. */
  public enum Reason {
    MATCHES,
    /** The nonces or the plaintext are for another ballot id. */
    BALLOT_ID_MISMATCH,
    /** The ballot, its style and the plaintext do not fit together (counts, ids, marks). */
    PLAINTEXT_DOES_NOT_FIT,
    /** Selection {@code (contest, selection)} does not encrypt the claimed mark. */
    SELECTION_MISMATCH
  }

  public static Result check(
      EncryptionContext context,
      BallotStyle style,
      EncryptedBallot ballot,
      BallotNonces nonces,
      PlaintextBallot claimed) {
    if (!ballot.ballotId().equals(nonces.ballotId())
        || !ballot.ballotId().equals(claimed.ballotId())) {
      return new Result(Reason.BALLOT_ID_MISMATCH, -1, -1);
    }
    try {
      BallotEncryptor.checkPlaintext(style, claimed);
    } catch (IllegalArgumentException e) {
      return new Result(Reason.PLAINTEXT_DOES_NOT_FIT, -1, -1);
    }
    if (!BallotProofs.checkStructure(style, ballot).isValid()) {
      return new Result(Reason.PLAINTEXT_DOES_NOT_FIT, -1, -1);
    }
    Hash32 binding = context.ballotBinding(ballot.ballotId());
    for (int i = 0; i < style.contests().size(); i++) {
      long weight = style.contests().get(i).weight();
      List<EncryptedSelection> selections = ballot.contests().get(i).selections();
      for (int j = 0; j < selections.size(); j++) {
        Ciphertext expected =
            context
                .electionKey()
                .encrypt(
                    claimed.marks().get(i).get(j) * weight, nonces.selectionNonce(binding, i, j));
        if (!expected.equals(selections.get(j).ciphertext())) {
          return new Result(Reason.SELECTION_MISMATCH, i, j);
        }
      }
    }
    return new Result(Reason.MATCHES, -1, -1);
  }
}
