package io.votechain.contract;

import io.votechain.state.StateView;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Validation;
import java.util.List;

/**
 * A contract: a deterministic state machine over the state view. The executor has already checked
 * the envelope (signature, nonce); {@link #validate} applies the kind's rules in the documented
 * order and reads the current block from state ({@code chain/head}); {@link #apply} runs only after
 * a successful validate on the same state and must not fail.
 */
interface Contract {
  Validation validate(SignedTransaction tx, StateView state);

  List<Event> apply(SignedTransaction tx, StateView state, BlockContext block);
}
