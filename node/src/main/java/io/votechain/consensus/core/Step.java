package io.votechain.consensus.core;

/** step_p of Algorithm 1, ordered: propose &lt; prevote &lt; precommit. */
public enum Step {
  PROPOSE,
  PREVOTE,
  PRECOMMIT;

  public boolean atLeast(Step other) {
    return compareTo(other) >= 0;
  }
}
