package io.votechain.node.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.contract.ElectionStatus;
import io.votechain.contract.MeetingResult;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.node.client.HttpChainClient;
import io.votechain.tx.AppointProxy;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import io.votechain.tx.meeting.Holding;
import io.votechain.tx.meeting.MeetingManifest;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole election on four in-process validators, driven only through their HTTP API as officials,
 * trustees and web voters would: the tally equals the votes cast, a re-vote replaces the first.
 */
class ElectionScenarioIT {
  @TempDir Path dir;
  private final List<ValidatorNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ValidatorNode n : nodes) {
      n.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void officialsTrusteesAndVotersRunAnElectionThroughTheApi() throws Exception {
    int base = io.votechain.node.LoopbackPorts.freeBlock(40);
    List<Path> configs =
        LocalNetwork.initWithContracts(dir, 4, base, "rocksdb", System.currentTimeMillis());
    var contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    List<URI> apis = new ArrayList<>();
    for (Path c : configs) {
      ValidatorNode node =
          new ValidatorNode(NodeConfig.load(c, Map.of()), new ContractsStateMachine(contracts));
      node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      nodes.add(node);
      apis.add(URI.create("http://127.0.0.1:" + node.httpPort()));
    }
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    List<Ed25519Signer> officials = new ArrayList<>();
    for (int i = 0; i < contracts.officials().size(); i++) {
      officials.add(KeyFile.read(dir.resolve("officials/official-" + i + ".json")));
    }
    ElectionScenario scenario =
        new ElectionScenario(
            new HttpChainClient(contracts.chainId(), apis),
            officials,
            contracts.threshold(),
            random);

    long now = System.currentTimeMillis();
    ElectionManifest manifest =
        new ElectionManifest(
            "town-2027",
            LocalizedText.of("en", "Town election", "zh", "镇选举"),
            List.of(
                new Contest(
                    "mayor",
                    ContestKind.ONE_OF_N,
                    1,
                    LocalizedText.of("en", "Mayor", "zh", "镇长"),
                    List.of(
                        new Choice("ana", LocalizedText.of("en", "Ana", "zh", "安娜")),
                        new Choice("ben", LocalizedText.of("en", "Ben", "zh", "本")))),
                new Contest(
                    "pool",
                    ContestKind.YES_NO,
                    1,
                    LocalizedText.of("en", "Build a pool?", "zh", "建游泳池吗？"),
                    List.of(
                        new Choice("yes", LocalizedText.of("en", "Yes", "zh", "是")),
                        new Choice("no", LocalizedText.of("en", "No", "zh", "否"))))),
            now - 1_000,
            now + 40_000,
            RevotePolicy.LAST_VOTE_COUNTS);
    List<TrusteeFile> trustees = scenario.createWithCeremony(manifest, 3, 2);
    List<Ed25519Signer> voters = scenario.issueCredentials("town-2027", "hall-1", 4);
    scenario.open("town-2027");
    assertEquals(ElectionStatus.OPEN, scenario.status("town-2027").orElseThrow());

    // ana, ana, ben; voter 3 first votes ben/no, then re-votes ana/yes.
    List<SignedTransaction> ballots =
        List.of(
            scenario.webBallot(
                "town-2027", voters.get(0), "b0", List.of(List.of(1, 0), List.of(1, 0))),
            scenario.webBallot(
                "town-2027", voters.get(1), "b1", List.of(List.of(1, 0), List.of(0, 1))),
            scenario.webBallot(
                "town-2027", voters.get(2), "b2", List.of(List.of(0, 1), List.of(1, 0))),
            scenario.webBallot(
                "town-2027", voters.get(3), "b3", List.of(List.of(0, 1), List.of(0, 1))));
    HttpChainClient client = new HttpChainClient(contracts.chainId(), apis);
    for (SignedTransaction b : ballots) {
      assertEquals(ErrorCode.OK, client.submit(b, Duration.ofSeconds(60)).code());
    }
    SignedTransaction revote =
        scenario.webBallot(
            "town-2027", voters.get(3), "b3-again", List.of(List.of(1, 0), List.of(1, 0)));
    assertEquals(ErrorCode.OK, client.submit(revote, Duration.ofSeconds(60)).code());
    // The same transaction re-sent (a retry) gets the same receipt and is not counted again.
    TxReceipt.Outcome again = client.submit(ballots.get(0), Duration.ofSeconds(60));
    assertEquals(ErrorCode.OK, again.code(), again.reason());

    // A shareholder meeting beside it: weights 60/30/10; holder 1 votes through a proxy (holder 0),
    // then overrides the proxy by voting in person.
    List<Ed25519Signer> holders =
        List.of(
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random),
            Ed25519Signer.generate(random));
    List<TrusteeFile> meetingTrustees =
        scenario.createMeetingWithCeremony(
            DemoElections.agm(now - 86_400_000L, now - 1_000, now + 40_000),
            List.of(
                new Holding(holders.get(0).publicKey(), 60),
                new Holding(holders.get(1).publicKey(), 30),
                new Holding(holders.get(2).publicKey(), 10)),
            3,
            2);
    String agm = DemoElections.AGM;
    scenario.open(agm);
    int yes = MeetingManifest.FOR;
    int no = MeetingManifest.AGAINST;
    int abstain = MeetingManifest.ABSTAIN;
    assertEquals(
        ErrorCode.OK,
        scenario.submit(holders.get(1), new AppointProxy(agm, holders.get(0).publicKey())).code());
    assertEquals(
        ErrorCode.OK,
        scenario
            .submit(
                holders.get(0),
                scenario.meetingBallot(agm, holders.get(1), "p1", List.of(no, no, no)).body())
            .code());
    assertEquals(
        ErrorCode.OK,
        client
            .submit(
                scenario.meetingBallot(agm, holders.get(0), "h0", List.of(yes, yes, no)),
                Duration.ofSeconds(60))
            .code());
    assertEquals(
        ErrorCode.OK,
        client
            .submit(
                scenario.meetingBallot(agm, holders.get(1), "h1", List.of(yes, no, yes)),
                Duration.ofSeconds(60))
            .code());
    assertEquals(
        ErrorCode.OK,
        client
            .submit(
                scenario.meetingBallot(agm, holders.get(2), "h2", List.of(no, abstain, yes)),
                Duration.ofSeconds(60))
            .code());

    while (System.currentTimeMillis() < now + 41_000) {
      Thread.sleep(250);
    }
    scenario.close("town-2027");
    // One trustee is not enough; two of three are.
    List<Long> result = scenario.tally("town-2027", List.of(trustees.get(0), trustees.get(2)));
    assertEquals(List.of(3L, 1L, 3L, 1L), result);
    scenario.certify("town-2027");
    assertEquals(ElectionStatus.CERTIFIED, scenario.status("town-2027").orElseThrow());

    scenario.close(agm);
    scenario.tally(agm, List.of(meetingTrustees.get(1), meetingTrustees.get(2)));
    MeetingResult decided = scenario.meetingResult(agm).orElseThrow();
    // r1: for 60+30, against 10 -> passes; r2: for 60, against 30, abstain 10 -> 60/90 passes;
    // r3 (special, 75 %): for 30+10 = 40, against 60 -> fails.
    assertEquals(3, decided.resolutions().size());
    assertEquals(90, decided.resolutions().get(0).votesFor());
    assertEquals(10, decided.resolutions().get(0).votesAgainst());
    assertTrue(decided.resolutions().get(0).passed());
    assertTrue(decided.resolutions().get(1).passed());
    assertEquals(40, decided.resolutions().get(2).votesFor());
    assertFalse(decided.resolutions().get(2).passed());
  }
}
