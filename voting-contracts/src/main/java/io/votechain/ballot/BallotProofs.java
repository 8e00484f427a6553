package io.votechain.ballot;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.proof.RangeProof;
import io.votechain.crypto.proof.RangeProofStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * The proofs of a ballot paired with their statements, in verification order: for each contest, its
 * selections' proofs then its sum proof (docs/crypto.md §6.6). Shared by the one-by-one and the
 * batch verifier so that both check exactly the same statements.
 */
final class BallotProofs {
  /** One proof to check and where it sits ({@code selection = -1}: the contest sum). */
  record Item(int contest, int selection, RangeProofStatement statement, RangeProof proof) {}

  private BallotProofs() {}

  /** The structural checks against the style; {@link BallotVerification#VALID} when they pass. */
  static BallotVerification checkStructure(BallotStyle style, EncryptedBallot ballot) {
    if (!style.styleId().equals(ballot.styleId())) {
      return BallotVerification.structural(BallotVerification.Reason.UNKNOWN_STYLE, -1);
    }
    if (style.contests().size() != ballot.contests().size()) {
      return BallotVerification.structural(BallotVerification.Reason.WRONG_CONTEST_COUNT, -1);
    }
    for (int i = 0; i < style.contests().size(); i++) {
      ContestDescription description = style.contests().get(i);
      EncryptedContest contest = ballot.contests().get(i);
      if (!description.contestId().equals(contest.contestId())) {
        return BallotVerification.structural(BallotVerification.Reason.CONTEST_ID_MISMATCH, i);
      }
      if (description.selectionCount() != contest.selections().size()) {
        return BallotVerification.structural(BallotVerification.Reason.WRONG_SELECTION_COUNT, i);
      }
    }
    return BallotVerification.VALID;
  }

  /** The statements of a ballot that passed {@link #checkStructure}. */
  static List<Item> items(EncryptionContext context, BallotStyle style, EncryptedBallot ballot) {
    return items(context, style, ballot, false);
  }

  /**
   * The statements with each contest sum proved within {@code 0..L·w} ({@code exactSums} false,
   * docs/crypto.md §6.6) or equal to {@code w} (true, the meeting ballot of §11.2).
   */
  static List<Item> items(
      EncryptionContext context, BallotStyle style, EncryptedBallot ballot, boolean exactSums) {
    Hash32 binding = context.ballotBinding(ballot.ballotId());
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < style.contests().size(); i++) {
      ContestDescription description = style.contests().get(i);
      EncryptedContest contest = ballot.contests().get(i);
      List<Long> selectionValues = description.selectionValues();
      for (int j = 0; j < contest.selections().size(); j++) {
        EncryptedSelection selection = contest.selections().get(j);
        items.add(
            new Item(
                i,
                j,
                new RangeProofStatement(
                    context.extendedBaseHash(),
                    EncryptionContext.proofContext(binding, i, j),
                    context.electionKey(),
                    selection.ciphertext(),
                    selectionValues),
                selection.proof()));
      }
      int sum = EncryptionContext.CONTEST_SUM_INDEX;
      items.add(
          new Item(
              i,
              sum,
              new RangeProofStatement(
                  context.extendedBaseHash(),
                  EncryptionContext.proofContext(binding, i, sum),
                  context.electionKey(),
                  contest.sum(),
                  exactSums ? List.of(description.weight()) : description.sumValues()),
              contest.sumProof()));
    }
    return items;
  }
}
