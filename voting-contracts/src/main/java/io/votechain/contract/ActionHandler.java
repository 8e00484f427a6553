package io.votechain.contract;

import io.votechain.state.StateView;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Validation;
import java.util.List;

/** Executes governed actions for {@link GovernanceContract} once M officials approved. */
interface ActionHandler {
  /** Rules that need no state, checked when the action is proposed. */
  Validation checkAction(GovernedAction action);

  /** Every rule, checked when the approval that completes the quorum arrives. */
  Validation validateAction(GovernedAction action, StateView state, BlockContext head);

  List<Event> applyAction(GovernedAction action, StateView state, BlockContext block);
}
