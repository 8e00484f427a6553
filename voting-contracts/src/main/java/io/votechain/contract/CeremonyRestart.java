package io.votechain.contract;

import static io.votechain.tx.ErrorCode.CEREMONY_NOT_BLOCKED;
import static io.votechain.tx.ErrorCode.INVALID_TRUSTEES;
import static io.votechain.tx.ErrorCode.UNKNOWN_ELECTION;
import static io.votechain.tx.ErrorCode.WRONG_ELECTION_STATUS;

import io.votechain.encoding.CanonicalWriter;
import io.votechain.state.StateEntry;
import io.votechain.state.StateView;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.GovernedAction.RestartKeyCeremony;
import io.votechain.tx.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Implements the restart of a blocked key ceremony (docs/contracts.md §4.5). A dealer that does not
 * answer a complaint blocks the election from opening forever; M officials may then restart the
 * ceremony with a new trustee set that leaves out every dealer with an unanswered complaint. The
 * restart wipes the round's announcements, shares, complaints, disclosures and any joint key, and
 * increments the ceremony round, which enters {@code H_B}: every trustee, kept or new, must deal a
 * fresh polynomial, so nothing the excluded dealer received in the failed round is a share of the
 * new key.
 */
final class CeremonyRestart implements ActionHandler {
  @Override
  public Validation checkAction(GovernedAction action) {
    RestartKeyCeremony restart = (RestartKeyCeremony) action;
    int n = restart.trustees().size();
    if (n < 1 || restart.threshold() < 1 || restart.threshold() > n) {
      return Validation.reject(
          INVALID_TRUSTEES,
          "need 1 <= threshold <= trustees, got " + restart.threshold() + " of " + n);
    }
    if (new HashSet<>(restart.trustees()).size() != n) {
      return Validation.reject(INVALID_TRUSTEES, "trustee keys must be distinct");
    }
    return Validation.ok();
  }

  /**
   * Rules in order: the trustee rules ({@code INVALID_TRUSTEES}); the election exists ({@code
   * UNKNOWN_ELECTION}) and is in KEY_CEREMONY ({@code WRONG_ELECTION_STATUS}); some complaint is
   * unanswered ({@code CEREMONY_NOT_BLOCKED}); no dealer with an unanswered complaint is in the new
   * set ({@code INVALID_TRUSTEES}).
   */
  @Override
  public Validation validateAction(GovernedAction action, StateView state, BlockContext head) {
    Validation stateless = checkAction(action);
    if (!stateless.isOk()) {
      return stateless;
    }
    RestartKeyCeremony restart = (RestartKeyCeremony) action;
    String id = restart.electionId();
    Optional<ElectionStatus> status = ElectionContract.status(state, id);
    if (status.isEmpty()) {
      return Validation.reject(UNKNOWN_ELECTION, "no election " + id);
    }
    if (status.get() != ElectionStatus.KEY_CEREMONY) {
      return Validation.reject(WRONG_ELECTION_STATUS, "the election is " + status.get());
    }
    TreeSet<Integer> silent = unansweredDealers(state, id);
    if (silent.isEmpty()) {
      return Validation.reject(CEREMONY_NOT_BLOCKED, "every complaint has been answered");
    }
    Trustees current = Trustees.read(state, id).orElseThrow();
    for (int dealer : silent) {
      if (restart.trustees().contains(current.keys().get(dealer - 1))) {
        return Validation.reject(
            INVALID_TRUSTEES, "trustee " + dealer + " left a complaint unanswered");
      }
    }
    return Validation.ok();
  }

  @Override
  public List<Event> applyAction(GovernedAction action, StateView state, BlockContext block) {
    RestartKeyCeremony restart = (RestartKeyCeremony) action;
    String id = restart.electionId();
    List<StateEntry> stale = new ArrayList<>();
    stale.addAll(state.scan(StateKeys.announcementPrefix(id)));
    stale.addAll(state.scan(StateKeys.sharesPrefix(id)));
    // Read with the old trustees, before they are replaced below.
    stale.addAll(ElectionCrypto.byDealer(state, id, StateKeys.complaintPrefix(id)));
    stale.addAll(ElectionCrypto.byDealer(state, id, StateKeys.disclosurePrefix(id)));
    for (StateEntry e : stale) {
      state.delete(e.key());
    }
    if (state.get(StateKeys.electionJointKey(id)).isPresent()) {
      state.delete(StateKeys.electionJointKey(id));
      state.delete(StateKeys.extendedBaseHash(id));
    }
    int round = ElectionCrypto.ceremonyRound(state, id) + 1;
    state.put(StateKeys.ceremonyRound(id), new CanonicalWriter().varint(round).toByteArray());
    state.put(
        StateKeys.electionTrustees(id),
        new Trustees(restart.trustees(), restart.threshold()).encode());
    return List.of(
        new Event.KeyCeremonyRestarted(id, round, restart.trustees().size(), restart.threshold()));
  }

  /** The dealers (1-based) with at least one complaint they have not answered, ascending. */
  static TreeSet<Integer> unansweredDealers(StateView state, String id) {
    TreeSet<Integer> dealers = new TreeSet<>();
    for (StateEntry c : ElectionCrypto.byDealer(state, id, StateKeys.complaintPrefix(id))) {
      String[] parts = c.key().path().split("/");
      int dealer = Integer.parseInt(parts[3]);
      int recipient = Integer.parseInt(parts[4]);
      if (state.get(StateKeys.disclosure(id, dealer, recipient)).isEmpty()) {
        dealers.add(dealer);
      }
    }
    return dealers;
  }
}
