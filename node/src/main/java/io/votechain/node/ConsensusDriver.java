package io.votechain.node;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.votechain.consensus.block.CommittedBlock;
import io.votechain.consensus.core.ConsensusCore;
import io.votechain.consensus.core.Input;
import io.votechain.consensus.core.Output;
import io.votechain.consensus.message.EquivocationEvidence;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the pure consensus core: feeds it messages from the peer transport, timer expiries and the
 * clock, and carries out what it returns, in order. Deployed as a worker verticle, because each
 * step may fsync the safety state and commit a block to the store before it returns (the core
 * persists before anything leaves it); Vert.x runs a worker verticle's tasks one at a time, in
 * order, so the core still sees one input at a time.
 */
public final class ConsensusDriver extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ConsensusDriver.class.getName());

  /** Told of every decision, on the driver's thread, after the block is durably stored. */
  public interface Listener {
    void committed(CommittedBlock block);

    default void evidence(EquivocationEvidence evidence) {}

    /**
     * The core could not complete a step (most likely its safety state or a block could not be
     * persisted). The validator must stop: going on could make it sign without a durable record.
     */
    default void fatal(Throwable error) {}
  }

  private final Supplier<ConsensusCore> coreFactory;
  private final ChannelTransport transport;
  private final Listener listener;
  private final LongSupplier clock;
  private volatile ConsensusCore core;
  private volatile Context driverContext;
  private volatile boolean stopped;

  public ConsensusDriver(
      Supplier<ConsensusCore> coreFactory,
      ChannelTransport transport,
      Listener listener,
      LongSupplier clock) {
    this.coreFactory = coreFactory;
    this.transport = transport;
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    driverContext = context;
    core = coreFactory.get();
    step(new Input.Start(clock.getAsLong()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return Future.succeededFuture();
  }

  /** Hands a message from the network to the core; callable from any thread. */
  public void deliver(byte[] message) {
    Context ctx = driverContext;
    if (ctx != null && !stopped) {
      ctx.runOnContext(v -> step(new Input.MessageReceived(message, clock.getAsLong())));
    }
  }

  /** The core, for read-only status queries (height, round, counters). */
  public ConsensusCore core() {
    return core;
  }

  private void step(Input input) {
    if (stopped) {
      return;
    }
    java.util.List<Output> outputs;
    try {
      outputs = core.handle(input);
    } catch (RuntimeException e) {
      // Fail-stop: nothing of this step has left the process, and nothing more will.
      stopped = true;
      LOG.log(Level.SEVERE, "consensus halted: a step failed", e);
      listener.fatal(e);
      return;
    }
    for (Output output : outputs) {
      if (output instanceof Output.Broadcast b) {
        transport.publish(b.message());
      } else if (output instanceof Output.SendTo s) {
        transport.send(s.validator(), s.message());
      } else if (output instanceof Output.ScheduleTimer t) {
        vertx.setTimer(
            Math.max(1, t.delayMillis()),
            id -> step(new Input.TimerExpired(t.timer(), clock.getAsLong())));
      } else if (output instanceof Output.Committed c) {
        try {
          listener.committed(c.block());
        } catch (RuntimeException e) {
          // The block is durably committed already; a failing listener (metrics, extensions)
          // must not cost the outputs after it, such as the next round's timers.
          LOG.log(Level.SEVERE, "committed-block listener failed at " + c.block().height(), e);
        }
      } else if (output instanceof Output.EvidenceFound e) {
        // The listener (the node's EvidenceKeeper) logs, stores and shares it.
        listener.evidence(e.evidence());
      }
    }
  }
}
