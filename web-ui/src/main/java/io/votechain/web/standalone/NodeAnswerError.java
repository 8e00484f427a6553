package io.votechain.web.standalone;

/**
 * Why the standalone web UI refused what a node answered (docs/web-ui.md §6.3). The UI reads a node
 * it does not control, so whatever it can check it checks, and a failed check is an error with one
 * of these codes, never a page drawn from unverified data. Names are documented: never rename one.
 */
public enum NodeAnswerError {
  /** The node did not answer (connection refused, timeout, 5xx). */
  NODE_UNAVAILABLE("the node did not answer"),
  /** The node's rate limit refused this UI's requests (raise it for this UI's address). */
  NODE_RATE_LIMITED("the node's rate limit refused the request"),
  /** An answer that is not what the API documents (status, JSON, headers). */
  NODE_ANSWER_MALFORMED("the node's answer is not what the API documents"),
  /** The genesis does not hash to the chain id the node claims, or not to the pinned one. */
  NODE_GENESIS_MISMATCH("the node's genesis is not the expected one"),
  /** The contracts' genesis does not hash to the genesis's initial state hash. */
  NODE_CONTRACTS_MISMATCH("the node's contracts genesis does not match its genesis"),
  /** A block's bytes do not decode as a committed block. */
  NODE_BLOCK_MALFORMED("the block's bytes do not decode"),
  /** A block's header names another height than the one asked for. */
  NODE_BLOCK_WRONG_HEIGHT("the block is not at the height asked for"),
  /** A block's header names another chain. */
  NODE_BLOCK_WRONG_CHAIN("the block belongs to another chain"),
  /** A block's transactions or parent certificate do not match what its header commits to. */
  NODE_BLOCK_BODY_MISMATCH("the block's transactions do not match its header"),
  /** A block's commit certificate is not a quorum of valid genesis signatures over it. */
  NODE_BLOCK_BAD_CERTIFICATE("the block's commit certificate does not certify it"),
  /** A piece of equivocation evidence does not hash to its key or does not prove anything. */
  NODE_EVIDENCE_INVALID("the equivocation evidence does not verify");

  private final String meaning;

  NodeAnswerError(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
