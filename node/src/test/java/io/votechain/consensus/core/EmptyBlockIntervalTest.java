package io.votechain.consensus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proposer of round 0 holds an empty block back until the interval since the last block has
 * passed, proposes at once when its mempool has transactions, and the default configuration (the
 * simulations') never waits.
 */
class EmptyBlockIntervalTest {
  private static final ConsensusConfig WAITING =
      new ConsensusConfig(
          new TimeoutPolicy(1000, 1000, 1000, 16000), 500, 1000, 100, 64 * 1024, 1024, 300);

  private final CoreFixture fixture = new CoreFixture(1);
  private final CoreFixture.Node node = new CoreFixture.Node();

  private ConsensusCore core() {
    return new ConsensusCore(
        fixture.genesis,
        0,
        fixture.keys.get(0),
        WAITING,
        node.safety,
        node.blocks,
        node.app.fresh(),
        node.mempool);
  }

  private static long committed(List<Output> outputs) {
    return outputs.stream().filter(o -> o instanceof Output.Committed).count();
  }

  private static boolean waitsToBuild(List<Output> outputs) {
    return outputs.stream()
        .anyMatch(o -> o instanceof Output.ScheduleTimer t && t.timer().kind() == TimerKind.BUILD);
  }

  @Test
  void anIdleChainMakesNoEmptyBlockBeforeTheIntervalAndOneAfterIt() {
    ConsensusCore core = core();
    // A lone validator is its own quorum: block 1 is proposed and committed at once.
    List<Output> first = core.handle(new Input.Start(10_000));
    assertEquals(1, committed(first));
    assertTrue(waitsToBuild(first), "height 2 waits: nothing to propose, block 1 is fresh");
    Timer build = new Timer(TimerKind.BUILD, 2, 0);
    assertEquals(0, committed(core.handle(new Input.TimerExpired(build, 10_100))));
    assertEquals(1, committed(core.handle(new Input.TimerExpired(build, 10_400))));
    assertEquals(2, core.height() - 1);
  }

  @Test
  void aPendingTransactionIsProposedWithoutWaiting() {
    ConsensusCore core = core();
    core.handle(new Input.Start(10_000));
    node.mempool.add("ballot");
    List<Output> out =
        core.handle(new Input.TimerExpired(new Timer(TimerKind.BUILD, 2, 0), 10_030));
    // The fixture mempool never forgets a transaction, so the lone validator goes on committing
    // blocks that carry it; what matters is that height 2 did not wait for the interval.
    assertTrue(committed(out) >= 1);
  }

  @Test
  void theDefaultConfigurationOfTheSimulationsNeverWaits() {
    assertEquals(0, CoreFixture.CONFIG.emptyBlockIntervalMillis());
  }
}
