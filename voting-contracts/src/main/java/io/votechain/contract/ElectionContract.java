package io.votechain.contract;

import static io.votechain.tx.ErrorCode.ELECTION_EXISTS;
import static io.votechain.tx.ErrorCode.ELECTION_KEY_MISSING;
import static io.votechain.tx.ErrorCode.ILLEGAL_TRANSITION;
import static io.votechain.tx.ErrorCode.INVALID_MANIFEST;
import static io.votechain.tx.ErrorCode.INVALID_TRUSTEES;
import static io.votechain.tx.ErrorCode.OUTSIDE_VOTING_WINDOW;
import static io.votechain.tx.ErrorCode.UNKNOWN_ELECTION;
import static io.votechain.tx.ErrorCode.WRONG_ELECTION_KIND;

import io.votechain.state.StateView;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.GovernedAction.AmendElection;
import io.votechain.tx.GovernedAction.CertifyElection;
import io.votechain.tx.GovernedAction.CloseElection;
import io.votechain.tx.GovernedAction.CreateElection;
import io.votechain.tx.GovernedAction.OpenElection;
import io.votechain.tx.GovernedAction.RegisterTrustees;
import io.votechain.tx.Validation;
import io.votechain.tx.election.ElectionManifest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Implements the election contract (docs/contracts.md §3): manifests and the lifecycle DRAFT →
 * KEY_CEREMONY → OPEN → CLOSED → TALLIED → CERTIFIED. Every step is a governed action; the step to
 * TALLIED belongs to the tally contract, which calls {@link #transition}.
 */
public final class ElectionContract implements ActionHandler {

  public static Optional<ElectionStatus> status(StateView state, String electionId) {
    return state
        .get(StateKeys.electionStatus(electionId))
        .map(b -> ElectionStatus.ofTag(b[0] & 0xFF));
  }

  public static Optional<ElectionManifest> manifest(StateView state, String electionId) {
    return state.get(StateKeys.electionManifest(electionId)).map(ElectionManifest::decode);
  }

  /** Writes the step from {@code from} to {@code to}; callers have checked it is legal. */
  static Event transition(
      StateView state, String electionId, ElectionStatus from, ElectionStatus to) {
    state.put(StateKeys.electionStatus(electionId), new byte[] {(byte) to.tag()});
    return new Event.ElectionStatusChanged(electionId, from, to);
  }

  @Override
  public Validation checkAction(GovernedAction action) {
    if (action instanceof CreateElection c) {
      return checkManifest(c.manifest());
    }
    if (action instanceof AmendElection a) {
      return checkManifest(a.manifest());
    }
    if (action instanceof RegisterTrustees t) {
      int n = t.trustees().size();
      if (n < 1 || t.threshold() < 1 || t.threshold() > n) {
        return Validation.reject(
            INVALID_TRUSTEES, "need 1 <= threshold <= trustees, got " + t.threshold() + " of " + n);
      }
      if (new HashSet<>(t.trustees()).size() != n) {
        return Validation.reject(INVALID_TRUSTEES, "trustee keys must be distinct");
      }
    }
    return Validation.ok();
  }

  private static Validation checkManifest(ElectionManifest manifest) {
    return manifest
        .problem()
        .map(p -> Validation.reject(INVALID_MANIFEST, p))
        .orElse(Validation.ok());
  }

  @Override
  public Validation validateAction(GovernedAction action, StateView state, BlockContext head) {
    Validation stateless = checkAction(action);
    if (!stateless.isOk()) {
      return stateless;
    }
    if (action instanceof CreateElection c) {
      String id = c.manifest().electionId();
      return status(state, id).isPresent()
          ? Validation.reject(ELECTION_EXISTS, "election " + id + " exists")
          : Validation.ok();
    }
    String id = electionId(action);
    Optional<ElectionStatus> current = status(state, id);
    if (current.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + id);
    }
    ElectionStatus from = current.get();
    if (action instanceof AmendElection) {
      if (Meetings.isMeeting(state, id)) {
        return Validation.reject(
            WRONG_ELECTION_KIND, id + " is a meeting: its manifest and terms are fixed");
      }
      return from == ElectionStatus.DRAFT
          ? Validation.ok()
          : Validation.reject(
              ILLEGAL_TRANSITION, "a manifest can be amended only in DRAFT, not " + from);
    }
    ElectionStatus to = target(action);
    if (!from.canTransitionTo(to)) {
      return Validation.reject(ILLEGAL_TRANSITION, "cannot go from " + from + " to " + to);
    }
    ElectionManifest manifest = manifest(state, id).orElseThrow();
    if (action instanceof OpenElection) {
      Optional<String> pending = ElectionCrypto.pendingCeremonyStep(state, id);
      if (pending.isPresent()) {
        return Validation.reject(ELECTION_KEY_MISSING, pending.get());
      }
      if (head.timestamp() >= manifest.votingEnd()) {
        return Validation.reject(OUTSIDE_VOTING_WINDOW, "the voting window has ended");
      }
    }
    if (action instanceof CloseElection && head.timestamp() < manifest.votingEnd()) {
      return Validation.reject(OUTSIDE_VOTING_WINDOW, "the voting window has not ended");
    }
    return Validation.ok();
  }

  @Override
  public List<Event> applyAction(GovernedAction action, StateView state, BlockContext block) {
    if (action instanceof CreateElection c) {
      ElectionManifest m = c.manifest();
      state.put(StateKeys.electionManifest(m.electionId()), m.encode());
      state.put(
          StateKeys.electionStatus(m.electionId()), new byte[] {(byte) ElectionStatus.DRAFT.tag()});
      return List.of(new Event.ElectionCreated(m.electionId(), m.hash()));
    }
    if (action instanceof AmendElection a) {
      ElectionManifest m = a.manifest();
      state.put(StateKeys.electionManifest(m.electionId()), m.encode());
      return List.of(new Event.ElectionAmended(m.electionId(), m.hash()));
    }
    String id = electionId(action);
    ElectionStatus from = status(state, id).orElseThrow();
    Event changed = transition(state, id, from, target(action));
    if (action instanceof RegisterTrustees t) {
      state.put(StateKeys.electionTrustees(id), new Trustees(t.trustees(), t.threshold()).encode());
      return List.of(new Event.TrusteesRegistered(id, t.trustees().size(), t.threshold()), changed);
    }
    return List.of(changed);
  }

  private static String electionId(GovernedAction action) {
    if (action instanceof AmendElection a) {
      return a.manifest().electionId();
    }
    if (action instanceof RegisterTrustees t) {
      return t.electionId();
    }
    if (action instanceof OpenElection o) {
      return o.electionId();
    }
    if (action instanceof CloseElection c) {
      return c.electionId();
    }
    if (action instanceof CertifyElection c) {
      return c.electionId();
    }
    throw new IllegalArgumentException("not an election action: " + action.kind());
  }

  private static ElectionStatus target(GovernedAction action) {
    return switch (action.kind()) {
      case REGISTER_TRUSTEES -> ElectionStatus.KEY_CEREMONY;
      case OPEN_ELECTION -> ElectionStatus.OPEN;
      case CLOSE_ELECTION -> ElectionStatus.CLOSED;
      case CERTIFY_ELECTION -> ElectionStatus.CERTIFIED;
      default -> throw new IllegalArgumentException("no lifecycle step for " + action.kind());
    };
  }
}
