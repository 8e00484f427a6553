package io.votechain.consensus.core;

import java.util.Objects;

/** A timer for (height, round); the driver hands it back in {@link Input.TimerExpired}. */
public record Timer(TimerKind kind, long height, int round) {
  public Timer {
    Objects.requireNonNull(kind, "kind");
  }
}
