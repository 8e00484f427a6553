package io.votechain.verifier;

import java.util.Objects;

/** One failed check: its step, the offending item (e.g. "block 12 tx 3") and why it failed. */
public record Finding(Step step, String item, String reason) {
  public Finding {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return step + " " + item + ": " + reason;
  }
}
