package io.votechain.consensus.core;

import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.message.EquivocationEvidence;
import java.util.Objects;

/**
 * What the core asks its driver to do, in order. Safety state and committed blocks are already
 * persisted (through {@link SafetyStore} and {@link BlockStore}) when an output is returned, so the
 * driver may send messages at once.
 */
public sealed interface Output {
  /** Send to every other validator. */
  record Broadcast(byte[] message) implements Output {
    public Broadcast {
      Objects.requireNonNull(message, "message");
    }
  }

  /** Send to one validator. */
  record SendTo(int validator, byte[] message) implements Output {
    public SendTo {
      Objects.requireNonNull(message, "message");
    }
  }

  /** Call back with {@link Input.TimerExpired} after {@code delayMillis}. */
  record ScheduleTimer(Timer timer, long delayMillis) implements Output {
    public ScheduleTimer {
      Objects.requireNonNull(timer, "timer");
    }
  }

  /** A block was decided (already stored and applied). */
  record Committed(CommittedBlock block) implements Output {
    public Committed {
      Objects.requireNonNull(block, "block");
    }
  }

  /** A validator equivocated; the evidence is verifiable by anyone. */
  record EvidenceFound(EquivocationEvidence evidence) implements Output {
    public EvidenceFound {
      Objects.requireNonNull(evidence, "evidence");
    }
  }
}
