package io.votechain.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.votechain.agent.simulate.DevNetwork;
import io.votechain.agent.simulate.FleetReport;
import io.votechain.agent.simulate.FleetSimulator;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The fleet simulator against a real validator with the MQTT gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetSimulatorIT {
  private static final int DEVICES = 3;
  private static final int BALLOTS = 3 * 20;

  private Path dir;
  private LedgerNetwork network;

  @BeforeAll
  void startNetwork() throws Exception {
    dir = LedgerNetwork.scratchDirectory();
    network = new LedgerNetwork(dir, 0);
  }

  @AfterAll
  void stopNetwork() throws Exception {
    network.close();
    LedgerNetwork.delete(dir);
  }

  @Test
  void everyBallotTheFleetCastsIsCommittedAndCountedExactlyOnce() throws Exception {
    // The test network's gateway listens on a free port, not the one in validator-0/config.json.
    DevNetwork dev =
        new DevNetwork(
            network.contracts,
            network.validators,
            network.officials,
            List.of(URI.create("http://127.0.0.1:" + network.node.httpPort())),
            List.of("tcp://127.0.0.1:" + network.mqttPort()));
    long countedBefore = network.counted();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(99);

    FleetReport report =
        new FleetSimulator(
                dev,
                new FleetSimulator.Plan(
                    LedgerNetwork.ELECTION, DEVICES, BALLOTS, 20, 7, dir.resolve("fleet")),
                random,
                300)
            .run();

    System.out.println("fleet simulator: " + report.toJson().encode());
    assertEquals(Map.of(), report.refusals(), report.toJson().encode());
    assertEquals(BALLOTS, report.ballotsCommitted());
    assertEquals(countedBefore + BALLOTS, network.counted(), "every ballot counted exactly once");
    long marked = report.totals().get("mayor").values().stream().mapToLong(Long::longValue).sum();
    assertEquals(BALLOTS, marked, "one mark per ballot in the totals");
  }
}
