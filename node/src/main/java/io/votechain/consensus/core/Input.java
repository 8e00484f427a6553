package io.votechain.consensus.core;

import java.util.Objects;

/**
 * What the driver feeds the core. Every input carries the validator's local clock reading in
 * milliseconds: the core has no clock of its own and uses this only to reject proposals whose
 * timestamp is too far ahead and to timestamp its own proposals.
 */
public sealed interface Input {
  long localTime();

  /** Starts (or, after a crash, resumes) the core; must be the first input. */
  record Start(long localTime) implements Input {}

  /** Bytes from the network; anything that fails to decode or verify is dropped and counted. */
  record MessageReceived(byte[] bytes, long localTime) implements Input {
    public MessageReceived {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /** A timer the core set has expired. */
  record TimerExpired(Timer timer, long localTime) implements Input {
    public TimerExpired {
      Objects.requireNonNull(timer, "timer");
    }
  }
}
