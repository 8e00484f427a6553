package io.votechain.consensus.validation;

import java.util.Objects;

/** Accept, or reject with a reason. Immutable. */
public sealed interface Verdict {
  Accept ACCEPT = new Accept();

  boolean accepted();

  static Verdict accept() {
    return ACCEPT;
  }

  static Verdict reject(RejectReason reason) {
    return new Reject(reason);
  }

  /** The message or block passed every check. */
  record Accept() implements Verdict {
    @Override
    public boolean accepted() {
      return true;
    }
  }

  /** The first check that failed. */
  record Reject(RejectReason reason) implements Verdict {
    public Reject {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean accepted() {
      return false;
    }
  }
}
