package io.votechain.contract;

import static io.votechain.tx.ErrorCode.DUPLICATE_APPROVAL;
import static io.votechain.tx.ErrorCode.INVALID_EXPIRY;
import static io.votechain.tx.ErrorCode.NOT_AN_OFFICIAL;
import static io.votechain.tx.ErrorCode.PROPOSAL_ALREADY_EXECUTED;
import static io.votechain.tx.ErrorCode.PROPOSAL_EXPIRED;
import static io.votechain.tx.ErrorCode.UNKNOWN_PROPOSAL;

import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.state.StateView;
import io.votechain.tx.Approve;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Implements the M-of-N governance rule (docs/contracts.md §4.1). A {@link Propose} by an official
 * stores the proposal with the proposer's approval; each {@link Approve} by another official adds
 * one; the approval that makes M executes the action, in the same transaction. A proposal is live
 * up to and including its expiry height. The action's stateless rules are checked at proposal time
 * and all its rules when it executes, so the completing approval is rejected with the action's own
 * code if the action has become invalid meanwhile.
 */
final class GovernanceContract implements Contract {
  private final Function<GovernedAction, ActionHandler> handlers;
  private final ChainParams params;

  GovernanceContract(Function<GovernedAction, ActionHandler> handlers, ChainParams params) {
    this.handlers = handlers;
    this.params = params;
  }

  static Authority authority(StateView state) {
    return Authority.decode(
        state
            .get(StateKeys.AUTHORITY)
            .orElseThrow(() -> new IllegalStateException("state has no authority")));
  }

  static Validation requireOfficial(SignedTransaction tx, StateView state) {
    return authority(state).isOfficial(tx.signer())
        ? Validation.ok()
        : Validation.reject(NOT_AN_OFFICIAL, "signer " + tx.signer() + " is not an official");
  }

  @Override
  public Validation validate(SignedTransaction tx, StateView state) {
    Validation official = requireOfficial(tx, state);
    if (!official.isOk()) {
      return official;
    }
    BlockContext head = Chain.head(state);
    Authority authority = authority(state);
    if (tx.body() instanceof Propose p) {
      long latest = head.height() + params.maxProposalLifetime();
      if (p.expiresAtHeight() < head.height() || p.expiresAtHeight() > latest) {
        return Validation.reject(
            INVALID_EXPIRY, "expiry must be within " + head.height() + ".." + latest);
      }
      ActionHandler handler = handlers.apply(p.action());
      Validation stateless = handler.checkAction(p.action());
      if (!stateless.isOk() || authority.threshold() > 1) {
        return stateless;
      }
      return handler.validateAction(p.action(), state, head);
    }
    Approve a = (Approve) tx.body();
    Optional<ProposalRecord> stored = proposal(state, a.proposalId());
    if (stored.isEmpty()) {
      return Validation.reject(UNKNOWN_PROPOSAL, "no proposal " + a.proposalId());
    }
    ProposalRecord proposal = stored.get();
    if (proposal.executed()) {
      return Validation.reject(PROPOSAL_ALREADY_EXECUTED, "proposal already executed");
    }
    if (head.height() > proposal.expiresAtHeight()) {
      return Validation.reject(
          PROPOSAL_EXPIRED, "proposal expired at height " + proposal.expiresAtHeight());
    }
    if (proposal.approvals().contains(tx.signer())) {
      return Validation.reject(DUPLICATE_APPROVAL, "official has already approved");
    }
    if (currentApprovals(proposal, authority) + 1 >= authority.threshold()) {
      return handlers.apply(proposal.action()).validateAction(proposal.action(), state, head);
    }
    return Validation.ok();
  }

  @Override
  public List<Event> apply(SignedTransaction tx, StateView state, BlockContext block) {
    Ed25519PublicKey official = (Ed25519PublicKey) tx.signer();
    List<Event> events = new ArrayList<>();
    Hash32 id;
    ProposalRecord proposal;
    if (tx.body() instanceof Propose p) {
      id = tx.id();
      proposal = new ProposalRecord(p.action(), p.expiresAtHeight(), List.of(official), false);
      events.add(new Event.ProposalCreated(id, official, p.expiresAtHeight()));
    } else {
      id = ((Approve) tx.body()).proposalId();
      proposal = proposal(state, id).orElseThrow().withApproval(official);
      events.add(new Event.ProposalApproved(id, official, proposal.approvals().size()));
    }
    Authority authority = authority(state);
    if (currentApprovals(proposal, authority) >= authority.threshold()) {
      events.addAll(handlers.apply(proposal.action()).applyAction(proposal.action(), state, block));
      proposal = proposal.asExecuted();
      events.add(new Event.ProposalExecuted(id, proposal.action().kind().name()));
    }
    state.put(StateKeys.proposal(id), proposal.encode());
    return events;
  }

  /**
   * The approvals that count: those of officials of the current authority. Without an authority
   * change this is every approval; after one, a removed official's approval no longer counts.
   */
  private static long currentApprovals(ProposalRecord proposal, Authority authority) {
    return proposal.approvals().stream().filter(authority::isOfficial).count();
  }

  static Optional<ProposalRecord> proposal(StateView state, Hash32 id) {
    return state.get(StateKeys.proposal(id)).map(ProposalRecord::decode);
  }
}
