package io.votechain.node.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.NodeConfig;
import io.votechain.node.client.HttpChainClient;
import io.votechain.node.demo.DemoElections;
import io.votechain.node.demo.ElectionScenario;
import io.votechain.node.demo.TrusteeFile;
import io.votechain.tx.AppointProxy;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.meeting.Holding;
import io.votechain.tx.meeting.MeetingManifest;
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
    meeting(scenario, demo, now);
  }

  /**
   * The AGM: 12 shareholders of different weights (their credentials in the demo folder), 3
   * trustees with threshold 2, then 8 holders vote — one of them through a proxy whom the holder
   * then overrides by voting in person.
   */
  private void meeting(ElectionScenario scenario, Path demo, long now) throws Exception {
    String id = DemoElections.AGM;
    SecureRandom random = new SecureRandom();
    List<Ed25519Signer> holders = new ArrayList<>();
    List<Holding> register = new ArrayList<>();
    JsonArray credentials = new JsonArray();
    long[] shares = {50_000, 30_000, 12_000, 8_000, 5_000, 2_500, 1_000, 700, 500, 200, 80, 20};
    for (long n : shares) {
      Ed25519Signer h = Ed25519Signer.generate(random);
      holders.add(h);
      register.add(new Holding(h.publicKey(), n));
      credentials.add(
          new JsonObject()
              .put("shares", n)
              .put("credential", HexFormat.of().formatHex(h.exportSeed())));
    }
    System.out.println("demo: creating the AGM " + id + " (3 resolutions, 12 shareholders)");
    List<TrusteeFile> trustees =
        scenario.createMeetingWithCeremony(
            DemoElections.agm(now - 86_400_000L, now - 60_000, now + votingMinutes * 60_000),
            register,
            3,
            2);
    for (TrusteeFile t : trustees) {
      t.write(demo.resolve("trustees").resolve(id + "-trustee-" + t.index() + ".json"));
    }
    Files.writeString(
        demo.resolve("shareholder-credentials.json"),
        new JsonObject().put("meetingId", id).put("credentials", credentials).encodePrettily());
    scenario.open(id);
    int m = MeetingManifest.FOR;
    int a = MeetingManifest.AGAINST;
    int x = MeetingManifest.ABSTAIN;
    List<List<Integer>> votes =
        List.of(
            List.of(m, m, a),
            List.of(m, m, m),
            List.of(a, m, m),
            List.of(m, x, a),
            List.of(m, m, m),
            List.of(x, x, x),
            List.of(m, a, m),
            List.of(m, m, m));
    // Holder 1 appoints holder 0 as proxy, who votes for them; holder 1 then votes in person.
    expectOk(scenario.submit(holders.get(1), new AppointProxy(id, holders.get(0).publicKey())));
    expectOk(
        scenario.submit(
            holders.get(0),
            scenario.meetingBallot(id, holders.get(1), "proxy-1", List.of(a, a, a)).body()));
    for (int i = 0; i < votes.size(); i++) {
      expectOk(
          scenario.submit(
              holders.get(i),
              scenario.meetingBallot(id, holders.get(i), "h" + i, votes.get(i)).body()));
    }
    System.out.println("demo: " + id + " is OPEN; 8 of 12 holders voted (one overriding a proxy)");
  }

  private static void expectOk(TxReceipt.Outcome outcome) {
    if (outcome.code() != ErrorCode.OK) {
      throw new IllegalStateException(outcome.code() + ": " + outcome.reason());
    }
  }

  private static void tally(ElectionScenario scenario, Path demo) throws Exception {
    String agm = DemoElections.AGM;
    if (scenario.status(agm).isPresent()) {
      System.out.println("demo: closing the AGM and tallying it");
      scenario.close(agm);
      scenario.tally(
          agm,
          List.of(
              TrusteeFile.read(demo.resolve("trustees").resolve(agm + "-trustee-1.json")),
              TrusteeFile.read(demo.resolve("trustees").resolve(agm + "-trustee-2.json"))));
      scenario.certify(agm);
      System.out.println("demo: AGM certified: " + scenario.meetingResult(agm).orElseThrow());
    }
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
