package io.votechain.contract;

import static io.votechain.tx.ErrorCode.ELECTION_EXISTS;
import static io.votechain.tx.ErrorCode.HOLDER_EXISTS;
import static io.votechain.tx.ErrorCode.INVALID_ARGUMENT;
import static io.votechain.tx.ErrorCode.INVALID_MEETING;
import static io.votechain.tx.ErrorCode.REGISTER_CLOSED;
import static io.votechain.tx.ErrorCode.UNKNOWN_MEETING;

import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.state.StateView;
import io.votechain.tx.AddHoldings;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.GovernedAction.CreateMeeting;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Validation;
import io.votechain.tx.meeting.Holding;
import io.votechain.tx.meeting.MeetingManifest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Implements the setting up of a shareholder meeting (docs/contracts.md §8.1–8.2): the governed
 * {@link CreateMeeting} stores the embedded election manifest where the election machinery reads it
 * (so the lifecycle, key ceremony and tally of §3–4 run unchanged) and the meeting terms beside it;
 * {@link AddHoldings} loads the share register while the meeting is in DRAFT, so the register is
 * fixed before the trustees are registered and before anyone votes.
 */
final class MeetingContract implements ActionHandler, Contract {
  /**
   * Largest share register total: it bounds every decrypted total, and the tally's bounded discrete
   * logarithm costs about {@code sqrt} of it.
   */
  static final long MAX_ISSUED_SHARES = Holding.MAX_SHARES;

  @Override
  public Validation checkAction(GovernedAction action) {
    MeetingManifest manifest = ((CreateMeeting) action).manifest();
    return manifest
        .problem()
        .map(p -> Validation.reject(INVALID_MEETING, p))
        .orElse(Validation.ok());
  }

  @Override
  public Validation validateAction(GovernedAction action, StateView state, BlockContext head) {
    Validation stateless = checkAction(action);
    if (!stateless.isOk()) {
      return stateless;
    }
    String id = ((CreateMeeting) action).manifest().meetingId();
    return ElectionContract.status(state, id).isPresent()
        ? Validation.reject(ELECTION_EXISTS, "election " + id + " exists")
        : Validation.ok();
  }

  @Override
  public List<Event> applyAction(GovernedAction action, StateView state, BlockContext block) {
    MeetingManifest m = ((CreateMeeting) action).manifest();
    String id = m.meetingId();
    state.put(StateKeys.electionManifest(id), m.election().encode());
    state.put(StateKeys.electionStatus(id), new byte[] {(byte) ElectionStatus.DRAFT.tag()});
    state.put(StateKeys.meeting(id), m.encode());
    return List.of(
        new Event.ElectionCreated(id, m.election().hash()), new Event.MeetingCreated(id, m.hash()));
  }

  /**
   * Register lines, rules in order: official ({@code NOT_AN_OFFICIAL}); a meeting ({@code
   * UNKNOWN_MEETING}); in DRAFT ({@code REGISTER_CLOSED}); no holder twice in the list ({@code
   * INVALID_ARGUMENT}) or already on the register ({@code HOLDER_EXISTS}); the register total stays
   * within {@link #MAX_ISSUED_SHARES} ({@code INVALID_ARGUMENT}).
   */
  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    AddHoldings add = (AddHoldings) tx.body();
    Validation official = GovernanceContract.requireOfficial(tx, state);
    if (!official.isOk()) {
      return official;
    }
    String id = add.meetingId();
    if (!Meetings.isMeeting(state, id)) {
      return Validation.reject(UNKNOWN_MEETING, "no meeting " + id);
    }
    Optional<ElectionStatus> status = ElectionContract.status(state, id);
    if (status.orElseThrow() != ElectionStatus.DRAFT) {
      return Validation.reject(REGISTER_CLOSED, "the meeting is " + status.get());
    }
    Set<Ed25519PublicKey> seen = new HashSet<>();
    long total = Meetings.issuedShares(state, id);
    for (Holding h : add.holdings()) {
      if (!seen.add(h.holder())) {
        return Validation.reject(INVALID_ARGUMENT, "holder listed twice: " + h.holder());
      }
      if (state.get(StateKeys.holding(id, h.holder())).isPresent()) {
        return Validation.reject(HOLDER_EXISTS, "already on the register: " + h.holder());
      }
      total += h.shares(); // at most 1000 × 2^40 on top of 2^40: no overflow
    }
    if (total > MAX_ISSUED_SHARES) {
      return Validation.reject(
          INVALID_ARGUMENT, "the register would exceed " + MAX_ISSUED_SHARES + " shares");
    }
    return Validation.ok();
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    AddHoldings add = (AddHoldings) tx.body();
    String id = add.meetingId();
    long total = Meetings.issuedShares(state, id);
    for (Holding h : add.holdings()) {
      state.put(StateKeys.holding(id, h.holder()), Meetings.encodeCount(h.shares()));
      total += h.shares();
    }
    state.put(StateKeys.issuedShares(id), Meetings.encodeCount(total));
    return List.of(new Event.HoldingsAdded(id, add.holdings().size(), total));
  }
}
