package io.votechain.agent.simulate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code device-agent simulate}: the fleet simulator (docs/device-agent.md §8). */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "As the officials of a `votechain dev` network, provisions N virtual kiosks and casts M"
            + " ballots through them over MQTT at a target rate; prints the measurements as JSON.")
public final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--network", required = true, description = "the `votechain dev` folder")
  Path network;

  @Option(names = "--election", required = true, description = "an OPEN election's id")
  String election;

  @Option(names = "--devices", defaultValue = "3")
  int devices;

  @Option(names = "--ballots", defaultValue = "20", description = "ballots in total")
  int ballots;

  @Option(names = "--rate", defaultValue = "10", description = "ballots per second, fleet-wide")
  double rate;

  @Option(names = "--seed", defaultValue = "1", description = "seeds the choices voters make")
  long seed;

  @Option(names = "--totals-out", description = "writes the plaintext totals (JSON) here")
  Path totalsOut;

  @Option(
      names = "--work",
      description = "the virtual devices' folders (default: a new folder under --network)")
  Path work;

  @Option(names = "--timeout", defaultValue = "600", description = "seconds to wait for receipts")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    Path folder = work != null ? work : Files.createTempDirectory(network, "fleet-");
    FleetSimulator simulator =
        new FleetSimulator(
            DevNetwork.read(network),
            new FleetSimulator.Plan(election, devices, ballots, rate, seed, folder),
            new SecureRandom(),
            timeoutSeconds);
    FleetReport report = simulator.run();
    if (totalsOut != null) {
      Files.writeString(totalsOut, report.totalsJson().encodePrettily());
    }
    System.out.println(report.toJson().encodePrettily());
    return report.ballotsCommitted() == ballots ? 0 : 1;
  }
}
