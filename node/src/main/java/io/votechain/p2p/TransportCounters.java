package io.votechain.p2p;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the transport, read by metrics and tests. Thread safe. */
public final class TransportCounters {
  private final Map<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong sessions = new AtomicLong();

  TransportCounters() {
    for (DropReason r : DropReason.values()) {
      drops.put(r, new AtomicLong());
    }
  }

  void drop(DropReason reason) {
    drops.get(reason).incrementAndGet();
  }

  void countDelivered() {
    delivered.incrementAndGet();
  }

  void sessionOpened() {
    sessions.incrementAndGet();
  }

  public long dropped(DropReason reason) {
    return drops.get(reason).get();
  }

  public long deliveredCount() {
    return delivered.get();
  }

  /** Authenticated sessions opened so far (inbound and outbound). */
  public long sessionsOpened() {
    return sessions.get();
  }
}
