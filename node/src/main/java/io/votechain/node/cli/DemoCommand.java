package io.votechain.node.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.NodeConfig;
import io.votechain.node.client.HttpChainClient;
import io.votechain.node.demo.DemoElections;
import io.votechain.node.demo.ElectionScenario;
import io.votechain.node.demo.TrusteeFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The dev network's demo (docs/demo.md): as the officials and trustees of a network made by {@code
 * votechain dev}, {@code setup} creates the municipal election, runs the key ceremony among 3
 * trustees (2 needed), issues voter credentials and opens it; {@code tally} closes it once its
 * window has ended, has 2 of the 3 trustees decrypt, and certifies the result.
 */
@Command(name = "demo", description = "Run the demo election on a local network (setup | tally).")
final class DemoCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "setup or tally")
  String action;

  @Option(names = "--dir", defaultValue = ".votechain/dev", description = "The network's files.")
  Path dir;

  @Option(
      names = "--voting-minutes",
      defaultValue = "30",
      description = "How long the election stays open after setup.")
  long votingMinutes;

  @Option(names = "--voters", defaultValue = "200", description = "Credentials to issue.")
  int voters;

  @Override
  public Integer call() throws Exception {
    GenesisConfig contracts =
        GenesisFile.readContracts(dir.resolve("genesis.json"))
            .orElseThrow(() -> new IllegalStateException("not a contracts network: " + dir));
    List<URI> apis = new ArrayList<>();
    for (int i = 0; Files.exists(dir.resolve("validator-" + i)); i++) {
      NodeConfig c =
          NodeConfig.load(dir.resolve("validator-" + i).resolve("config.json"), System.getenv());
      apis.add(URI.create("http://" + c.httpHost() + ":" + c.httpPort()));
    }
    List<Ed25519Signer> officials = new ArrayList<>();
    for (int i = 0; i < contracts.officials().size(); i++) {
      officials.add(KeyFile.read(dir.resolve("officials").resolve("official-" + i + ".json")));
    }
    ElectionScenario scenario =
        new ElectionScenario(
            new HttpChainClient(contracts.chainId(), apis),
            officials,
            contracts.threshold(),
            new SecureRandom());
    Path demo = dir.resolve("demo");
    switch (action) {
      case "setup" -> setup(scenario, demo);
      case "tally" -> tally(scenario, demo);
      default -> {
        System.err.println("demo: unknown action " + action + " (setup or tally)");
        return 2;
      }
    }
    return 0;
  }

  private void setup(ElectionScenario scenario, Path demo) throws Exception {
    String id = DemoElections.MUNICIPAL;
    if (scenario.status(id).isPresent()) {
      System.out.println("demo: " + id + " exists already (" + scenario.status(id).get() + ")");
      return;
    }
    long now = System.currentTimeMillis();
    System.out.println(
        "demo: creating " + id + " and running the key ceremony (3 trustees, 2 needed)");
    List<TrusteeFile> trustees =
        scenario.createWithCeremony(
            DemoElections.municipal(now - 60_000, now + votingMinutes * 60_000), 3, 2);
    for (TrusteeFile t : trustees) {
      t.write(demo.resolve("trustees").resolve("trustee-" + t.index() + ".json"));
    }
    System.out.println("demo: issuing " + voters + " voter credentials");
    JsonArray credentials = new JsonArray();
    for (String station : List.of("station-north", "station-south")) {
      for (Ed25519Signer v : scenario.issueCredentials(id, station, voters / 2)) {
        credentials.add(
            new JsonObject()
                .put("station", station)
                .put("credential", HexFormat.of().formatHex(v.exportSeed())));
      }
    }
    Files.createDirectories(demo);
    Path file = demo.resolve("voter-credentials.json");
    Files.writeString(
        file,
        new JsonObject().put("electionId", id).put("credentials", credentials).encodePrettily());
    scenario.open(id);
    System.out.println(
        "demo: " + id + " is OPEN for " + votingMinutes + " minutes; voter credentials in " + file);
  }

  private static void tally(ElectionScenario scenario, Path demo) throws Exception {
    String id = DemoElections.MUNICIPAL;
    List<TrusteeFile> trustees =
        List.of(
            TrusteeFile.read(demo.resolve("trustees").resolve("trustee-1.json")),
            TrusteeFile.read(demo.resolve("trustees").resolve("trustee-3.json")));
    System.out.println("demo: closing " + id);
    scenario.close(id);
    System.out.println("demo: trustees 1 and 3 decrypt the aggregate");
    List<Long> result = scenario.tally(id, trustees);
    scenario.certify(id);
    System.out.println("demo: " + id + " certified; counts per selection " + result);
  }
}
