package io.votechain.contract;

import io.votechain.tx.ErrorCode;
import io.votechain.tx.election.RevotePolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * Implements the re-vote policy (docs/contracts.md §4.4) as a pure function of the election's
 * policy, the channel of the credential's counted ballot (if any) and the channel of the new one.
 *
 * <table>
 *   <caption>decisions</caption>
 *   <tr><th>policy</th><th>counted</th><th>new</th><th>decision</th></tr>
 *   <tr><td>any</td><td>none</td><td>any</td><td>FIRST_BALLOT</td></tr>
 *   <tr><td>LAST_VOTE_COUNTS</td><td>WEB</td><td>WEB or IN_PERSON</td><td>SUPERSEDES</td></tr>
 *   <tr><td>LAST_VOTE_COUNTS</td><td>IN_PERSON</td><td>any</td><td>IN_PERSON_VOTE_FINAL</td></tr>
 *   <tr><td>SINGLE_VOTE</td><td>any</td><td>any</td><td>ALREADY_VOTED</td></tr>
 * </table>
 *
 * An in-person ballot is final because the voter was checked in by an official device: letting a
 * later web ballot replace it would let whoever holds a coerced voter's credential undo it.
 */
public final class RevoteRule {
  private RevoteRule() {}

  /** How the ballot reached the ledger. */
  public enum Channel {
    WEB,
    IN_PERSON
  }

  public enum Outcome {
    /** The credential's first ballot: it counts. */
    FIRST_BALLOT,
    /** It counts and the previously counted ballot no longer does. */
    SUPERSEDES,
    /** Rejected with {@link Decision#code()}. */
    REJECTED
  }

  /** A decision, with the error code when rejected and {@link ErrorCode#OK} otherwise. */
  public record Decision(Outcome outcome, ErrorCode code) {
    public Decision {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(code, "code");
      if ((outcome == Outcome.REJECTED) == (code == ErrorCode.OK)) {
        throw new IllegalArgumentException("a rejection and only a rejection carries a code");
      }
    }
  }

  public static Decision decide(RevotePolicy policy, Optional<Channel> counted, Channel incoming) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(incoming, "incoming");
    if (counted.isEmpty()) {
      return new Decision(Outcome.FIRST_BALLOT, ErrorCode.OK);
    }
    return switch (policy) {
      case SINGLE_VOTE -> new Decision(Outcome.REJECTED, ErrorCode.ALREADY_VOTED);
      case LAST_VOTE_COUNTS ->
          counted.get() == Channel.IN_PERSON
              ? new Decision(Outcome.REJECTED, ErrorCode.IN_PERSON_VOTE_FINAL)
              : new Decision(Outcome.SUPERSEDES, ErrorCode.OK);
    };
  }
}
