package io.votechain.store;

/** What {@link LedgerStore#putEvidence} did. */
public enum EvidenceInsert {
  /** Stored now, durably. */
  ADDED,
  /** Evidence with this hash was held already; nothing written. */
  ALREADY_HELD,
  /**
   * A bound is reached — the store's {@link LedgerStore#MAX_EVIDENCE}, or the node's share per
   * offender ({@code EvidenceKeeper}); nothing written.
   */
  FULL
}
