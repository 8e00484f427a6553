package io.votechain.contract;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.state.StateView;
import java.util.Objects;
import java.util.Optional;

/**
 * Implements vote confirmation for a shareholder meeting (docs/contracts.md §8.6; SRD II art.
 * 3c(2)): what the ledger says about a meeting ballot, looked up by its tracking code (the ballot
 * hash). It was recorded (in the block at {@code height}, by transaction {@code txId}) for {@code
 * holder}, cast by the holder or its proxy; it either counts — it is the holder's counted ballot,
 * so it is in the aggregate — or it was superseded by a later ballot for the same holder, or
 * withdrawn with the proxy's appointment. {@code tallied} says the meeting's aggregate has been
 * decrypted, i.e. a ballot that counts has been counted in the published result.
 *
 * <p>Pure over the state; every node answers the same, and the state entries it reads are part of
 * the state hash, so the answer is as trustworthy as the block it is read at. Immutable.
 */
public record VoteConfirmation(
    String meetingId,
    Hash32 ballotHash,
    Ed25519PublicKey holder,
    VoteSource castBy,
    long height,
    Optional<Hash32> txId,
    Status status,
    boolean tallied) {

  /** Whether the confirmed ballot is the one that counts for its holder. */
  public enum Status {
    /** It is the holder's counted ballot: it is in the aggregate. */
    COUNTED,
    /** A later ballot for the same holder counts instead (a re-vote, or the holder's own vote). */
    SUPERSEDED,
    /** It was the proxy's and the proxy was revoked or replaced; no ballot counts from it. */
    WITHDRAWN
  }

  public VoteConfirmation {
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(ballotHash, "ballotHash");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(castBy, "castBy");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(status, "status");
  }

  public boolean counted() {
    return status == Status.COUNTED;
  }

  /** The confirmation of ballot {@code ballotHash} of meeting {@code meetingId}, if recorded. */
  public static Optional<VoteConfirmation> lookUp(
      StateView state, String meetingId, Hash32 ballotHash) {
    Optional<MeetingBallotRecord> recorded =
        state.get(StateKeys.meetingBallot(meetingId, ballotHash)).map(MeetingBallotRecord::decode);
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    MeetingBallotRecord record = recorded.get();
    Optional<MeetingVote> counted = Meetings.countedVote(state, meetingId, record.holder());
    Status status;
    if (counted.isPresent() && counted.get().ballotHash().equals(ballotHash)) {
      status = Status.COUNTED;
    } else if (counted.isPresent()) {
      status = Status.SUPERSEDED;
    } else {
      status = Status.WITHDRAWN;
    }
    boolean tallied =
        ElectionContract.status(state, meetingId)
            .map(s -> s.compareTo(ElectionStatus.TALLIED) >= 0)
            .orElse(false);
    Optional<Hash32> tx = state.get(StateKeys.ballotTx(meetingId, ballotHash)).map(Hash32::of);
    return Optional.of(
        new VoteConfirmation(
            meetingId,
            ballotHash,
            record.holder(),
            record.source(),
            record.height(),
            tx,
            status,
            tallied));
  }
}
