package io.votechain.consensus.validation;

/**
 * Why the core refused a message or a block. The core counts drops by reason; names are stable
 * (metrics labels, docs/consensus.md §5).
 */
public enum RejectReason {
  MALFORMED,
  UNKNOWN_VALIDATOR,
  BAD_SIGNATURE,
  WRONG_PROPOSER,
  BLOCK_HASH_MISMATCH,
  BAD_PROOF_OF_LOCK,
  WRONG_CHAIN,
  WRONG_HEIGHT,
  WRONG_PARENT,
  TIMESTAMP_NOT_AFTER_PARENT,
  TIMESTAMP_TOO_FAR_AHEAD,
  BAD_TRANSACTIONS_ROOT,
  DUPLICATE_TRANSACTION,
  INVALID_TRANSACTION,
  WRONG_STATE_HASH,
  BAD_LAST_COMMIT,
  BAD_CERTIFICATE,
  STALE_HEIGHT,
  ROUND_TOO_FAR_AHEAD,
  HEIGHT_TOO_FAR_AHEAD,
  DUPLICATE,
  NOT_FROM_AUTHOR
}
