package io.votechain.contract;

import static io.votechain.tx.ErrorCode.INVALID_AUTHORITY;

import io.votechain.state.StateView;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.GovernedAction.ChangeAuthority;
import io.votechain.tx.Validation;
import java.util.HashSet;
import java.util.List;

/**
 * Implements the authority change (docs/contracts.md §4.1): M officials of the current authority
 * replace the official set and the threshold. The rules are genesis's — 1 to 64 distinct officials,
 * {@code 1 <= M <= N} ({@code INVALID_AUTHORITY}). Pending proposals survive, but only approvals of
 * current officials count toward their M (GovernanceContract), so a removed official's approval
 * stops counting the moment it is removed.
 */
final class AuthorityChange implements ActionHandler {
  @Override
  public Validation checkAction(GovernedAction action) {
    ChangeAuthority change = (ChangeAuthority) action;
    int n = change.officials().size();
    if (n < 1 || n > GenesisConfig.MAX_OFFICIALS) {
      return Validation.reject(
          INVALID_AUTHORITY, "1.." + GenesisConfig.MAX_OFFICIALS + " officials");
    }
    if (new HashSet<>(change.officials()).size() != n) {
      return Validation.reject(INVALID_AUTHORITY, "officials must be distinct");
    }
    if (change.threshold() < 1 || change.threshold() > n) {
      return Validation.reject(
          INVALID_AUTHORITY,
          "need 1 <= threshold <= officials, got " + change.threshold() + " of " + n);
    }
    return Validation.ok();
  }

  @Override
  public Validation validateAction(GovernedAction action, StateView state, BlockContext head) {
    return checkAction(action);
  }

  @Override
  public List<Event> applyAction(GovernedAction action, StateView state, BlockContext block) {
    ChangeAuthority change = (ChangeAuthority) action;
    Authority authority = new Authority(change.officials(), change.threshold());
    state.put(StateKeys.AUTHORITY, authority.encode());
    return List.of(new Event.AuthorityChanged(change.officials().size(), change.threshold()));
  }
}
