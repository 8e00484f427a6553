package io.votechain.consensus.core;

import io.votechain.consensus.block.CommittedBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The simplest deterministic driver: messages delivered in FIFO order with no delay, timers fired
 * in time order only when no message is in flight. Validators can be cut off and reconnected,
 * single messages lost ({@link #lose}) or handed over later ({@link #deliver}), and what is sent
 * and which timers fire observed.
 */
final class LockstepNetwork {
  private record Delivery(int to, byte[] bytes) {}

  private record Pending(long time, long seq, int node, Timer timer) {}

  /** One message handed to the network (a broadcast appears once per recipient). */
  record Sent(int from, int to, byte[] bytes) {}

  /** One timer expiry delivered to a validator. */
  record Fired(int node, Timer timer) {}

  final CoreFixture fx;
  final List<CoreFixture.Node> nodes = new ArrayList<>();
  final List<ConsensusCore> cores = new ArrayList<>();
  final boolean[] connected;
  final List<List<CommittedBlock>> committed = new ArrayList<>();

  /** (recipient, bytes) of messages the network loses; nothing by default. */
  BiPredicate<Integer, byte[]> lose = (to, bytes) -> false;

  // Taps, not lists: the long catch-up runs would otherwise keep every message alive.
  Consumer<Sent> onSent = s -> {};
  Consumer<Fired> onFired = f -> {};
  private final Deque<Delivery> inFlight = new ArrayDeque<>();
  private final PriorityQueue<Pending> timers =
      new PriorityQueue<>(
          (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private long now = 2_000;
  private long seq;

  LockstepNetwork(CoreFixture fx) {
    this(fx, fx::core);
  }

  /** With cores built by {@code coreOf(index, node)} (other stores or another configuration). */
  LockstepNetwork(CoreFixture fx, BiFunction<Integer, CoreFixture.Node, ConsensusCore> coreOf) {
    this.fx = fx;
    this.connected = new boolean[fx.n];
    for (int i = 0; i < fx.n; i++) {
      CoreFixture.Node node = new CoreFixture.Node();
      nodes.add(node);
      cores.add(coreOf.apply(i, node));
      connected[i] = true;
      committed.add(new ArrayList<>());
    }
  }

  void start() {
    for (int i = 0; i < fx.n; i++) {
      if (connected[i]) {
        feed(i, new Input.Start(now));
      }
    }
  }

  void feed(int i, Input input) {
    for (Output o : cores.get(i).handle(input)) {
      if (o instanceof Output.Broadcast b) {
        for (int to = 0; to < fx.n; to++) {
          if (to != i) {
            send(i, to, b.message());
          }
        }
      } else if (o instanceof Output.SendTo s) {
        send(i, s.validator(), s.message());
      } else if (o instanceof Output.ScheduleTimer t) {
        timers.add(new Pending(now + t.delayMillis(), seq++, i, t.timer()));
      } else if (o instanceof Output.Committed c) {
        committed.get(i).add(c.block());
      }
    }
  }

  private void send(int from, int to, byte[] bytes) {
    if (connected[from] && connected[to]) {
      onSent.accept(new Sent(from, to, bytes));
      if (lose.test(to, bytes)) {
        return;
      }
      inFlight.add(new Delivery(to, bytes));
    }
  }

  /** Puts a message (one {@link #lose} took, say) in flight now, behind those already in flight. */
  void deliver(int to, byte[] bytes) {
    inFlight.add(new Delivery(to, bytes));
  }

  /** Runs until {@code done} or {@code maxSteps} events; returns whether {@code done} held. */
  boolean runUntil(BooleanSupplier done, int maxSteps) {
    for (int step = 0; step < maxSteps; step++) {
      if (done.getAsBoolean()) {
        return true;
      }
      if (!inFlight.isEmpty()) {
        Delivery d = inFlight.poll();
        if (connected[d.to()]) {
          feed(d.to(), new Input.MessageReceived(d.bytes(), now));
        }
      } else if (!timers.isEmpty()) {
        Pending p = timers.poll();
        now = Math.max(now, p.time());
        if (connected[p.node()]) {
          onFired.accept(new Fired(p.node(), p.timer()));
          feed(p.node(), new Input.TimerExpired(p.timer(), now));
        }
      } else {
        return done.getAsBoolean();
      }
    }
    return done.getAsBoolean();
  }
}
