package io.votechain.api;

import io.vertx.core.json.JsonObject;
import io.votechain.ballot.BallotEncryptor;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.ballot.PlaintextBallot;
import io.votechain.contract.ElectionContract;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.GenesisConfig;
import io.votechain.contract.StateKeys;
import io.votechain.contract.Trustees;
import io.votechain.crypto.elgamal.Ciphertext;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.EcdsaP256Signer;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.crypto.threshold.CeremonyParameters;
import io.votechain.crypto.threshold.DecryptingTrustee;
import io.votechain.crypto.threshold.EncryptedShare;
import io.votechain.crypto.threshold.JointElectionKey;
import io.votechain.crypto.threshold.PartialDecryption;
import io.votechain.crypto.threshold.Trustee;
import io.votechain.encoding.CanonicalReader;
import io.votechain.mempool.Admission;
import io.votechain.node.ContractsStateMachine;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.LocalNetwork;
import io.votechain.node.NodeConfig;
import io.votechain.node.ValidatorNode;
import io.votechain.state.StateView;
import io.votechain.testing.Await;
import io.votechain.tx.AddCredentials;
import io.votechain.tx.AnnounceKey;
import io.votechain.tx.Approve;
import io.votechain.tx.CastBallot;
import io.votechain.tx.GovernedAction;
import io.votechain.tx.Propose;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.PublishDecryption;
import io.votechain.tx.PublishShares;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.Transaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Four in-process validators running the voting contracts, and one election driven through its
 * whole lifecycle with real signed transactions: two of three officials create it, register three
 * trustees (k = 2), the trustees run the key ceremony on the ledger, the officials open it, three
 * web voters cast encrypted ballots (one votes again), it closes when its window ends, two trustees
 * publish partial decryptions and the contracts tally it. A second election stays in DRAFT, and a
 * kiosk is provisioned. Validator 2 allows one CORS origin; validator 3 has a tiny rate limit.
 */
final class ElectionNetwork implements AutoCloseable {
  static final String ELECTION = "city-2027";
  static final String DRAFT = "draft-2028";
  static final String DEVICE = "kiosk-1";
  static final String ORIGIN = "https://observer.example";

  /** The shortest voting window; longer when this machine commits slowly. */
  private static final long MIN_WINDOW_MILLIS = 15_000;

  final Path dir;
  final List<ValidatorNode> nodes = new ArrayList<>();
  final GenesisConfig contracts;
  final SecureRandom random;
  final Map<String, Hash32> trackingCodes = new HashMap<>();
  final Map<String, SignedTransaction> transactions = new HashMap<>();
  private final Map<Ed25519Signer, Long> nonces = new HashMap<>();
  private final Ed25519Signer official0;
  private final Ed25519Signer official1;
  private final List<Ed25519Signer> trusteeKeys = new ArrayList<>();
  private final List<Ed25519Signer> voters = new ArrayList<>();
  private int submitTo;

  ElectionNetwork() throws Exception {
    random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(20261127L);
    dir = Files.createTempDirectory("votechain-api-test");
    List<Path> configs =
        LocalNetwork.initWithContracts(
            dir,
            4,
            io.votechain.node.LoopbackPorts.freeBlock(40),
            "rocksdb",
            System.currentTimeMillis());
    contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    for (int i = 0; i < configs.size(); i++) {
      // The API is tested on its own: without the MQTT gateway the network would also run.
      JsonObject file = new JsonObject(Files.readString(configs.get(i)));
      file.remove("mqtt");
      Files.writeString(configs.get(i), file.encodePrettily());
      NodeConfig config = NodeConfig.load(configs.get(i), Map.of());
      if (i == 2) {
        config =
            config.withSection(
                "api",
                new JsonObject()
                    .put(
                        "cors",
                        new JsonObject()
                            .put(
                                "allowedOrigins", new io.vertx.core.json.JsonArray().add(ORIGIN))));
      } else if (i == 3) {
        config =
            config.withSection(
                "api",
                new JsonObject()
                    .put(
                        "rateLimit",
                        new JsonObject().put("requestsPerSecond", 0.2).put("burst", 5)));
      }
      ValidatorNode node = new ValidatorNode(config, new ContractsStateMachine(contracts));
      nodes.add(node);
      node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (node.httpPort() < 0) {
        throw new AssertionError("validator " + i + " has no HTTP server");
      }
    }
    official0 = KeyFile.read(dir.resolve("officials/official-0.json"));
    official1 = KeyFile.read(dir.resolve("officials/official-1.json"));
  }

  String url(int node, String path) {
    return "http://127.0.0.1:" + nodes.get(node).httpPort() + path;
  }

  StateView state() {
    return new LedgerReads(nodes.get(0).store(), 5_000).view();
  }

  /** Runs the whole lifecycle; returns when the election is tallied. */
  void runElection() throws Exception {
    // The kiosk first: how long it takes to commit sets how long the voting window must be
    // (eight commits until the ballots are in), so the test waits no longer than this machine
    // needs.
    EcdsaP256Signer kiosk = EcdsaP256Signer.generate(random);
    long t0 = System.nanoTime();
    commitAll(
        List.of(
            sign(
                official0,
                new ProvisionDevice(
                    DEVICE,
                    kiosk.publicKey(),
                    "Kiosk 3000",
                    Hash32.of(new byte[32]),
                    official1.publicKey()))));
    long commitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    long window = Math.max(MIN_WINDOW_MILLIS, 14 * commitMillis + 8_000);
    long now = System.currentTimeMillis();
    ElectionManifest manifest = manifest(ELECTION, now - 60_000, now + window);
    governed(new GovernedAction.CreateElection(manifest), "create");
    for (int i = 0; i < 3; i++) {
      trusteeKeys.add(Ed25519Signer.generate(random));
      voters.add(Ed25519Signer.generate(random));
    }
    governed(
        new GovernedAction.RegisterTrustees(
            ELECTION, trusteeKeys.stream().map(Ed25519Signer::publicKey).toList(), 2),
        "register");
    Trustees registered = Trustees.read(state(), ELECTION).orElseThrow();
    CeremonyParameters parameters = ElectionCrypto.parameters(manifest, registered);
    List<Trustee> trustees = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      trustees.add(Trustee.generate(parameters, i, random));
    }
    List<SignedTransaction> round = new ArrayList<>();
    round.add(
        sign(
            official0,
            new AddCredentials(
                ELECTION, "station-1", voters.stream().map(Ed25519Signer::publicKey).toList())));
    for (int i = 0; i < 3; i++) {
      round.add(
          sign(trusteeKeys.get(i), new AnnounceKey(ELECTION, trustees.get(i).announcement())));
    }
    commitAll(round);

    round.clear();
    for (int d = 0; d < 3; d++) {
      List<EncryptedShare> shares = new ArrayList<>();
      for (Trustee recipient : trustees) {
        if (recipient != trustees.get(d)) {
          shares.add(trustees.get(d).shareFor(recipient.announcement(), random));
        }
      }
      round.add(sign(trusteeKeys.get(d), new PublishShares(ELECTION, shares)));
    }
    commitAll(round);
    receiveShares(trustees);
    JointElectionKey joint = ElectionCrypto.jointKey(state(), ELECTION);
    List<DecryptingTrustee> decrypting = trustees.stream().map(t -> t.finish(joint)).toList();

    governed(new GovernedAction.OpenElection(ELECTION), "open");
    round.clear();
    round.add(cast(0, 0, true, "first"));
    round.add(cast(1, 1, true, "b1"));
    round.add(cast(2, 1, false, "c1"));
    commitAll(round);
    commitAll(List.of(cast(0, 1, false, "final"))); // voter 0 changes their mind

    // The window must end before the officials can close; meanwhile a second election in DRAFT.
    governed(new GovernedAction.CreateElection(manifest(DRAFT, now, now + 86_400_000L)), "draft");
    Await.until(() -> headTimestamp() >= manifest.votingEnd(), 60, "the voting window ends");
    governed(new GovernedAction.CloseElection(ELECTION), "close");

    List<Ciphertext> aggregate =
        ElectionCrypto.aggregate(state(), ELECTION, ElectionCrypto.selectionCount(manifest));
    round.clear();
    for (int t : new int[] {0, 2}) {
      List<PartialDecryption> partials = new ArrayList<>();
      for (Ciphertext c : aggregate) {
        partials.add(decrypting.get(t).partialDecrypt(c, random));
      }
      round.add(sign(trusteeKeys.get(t), new PublishDecryption(ELECTION, partials)));
    }
    commitAll(round);
    Await.until(
        () ->
            ElectionContract.status(state(), ELECTION)
                .map(s -> s.name().equals("TALLIED"))
                .orElse(false),
        30,
        "the election is tallied");
  }

  /** Mayor: alice (0) or bob (1); measure: yes or no. */
  private SignedTransaction cast(int voter, int mayor, boolean yes, String name) {
    ElectionManifest manifest = ElectionContract.manifest(state(), ELECTION).orElseThrow();
    PlaintextBallot plain =
        new PlaintextBallot(
            "ballot-" + name,
            ELECTION,
            List.of(
                mayor == 0 ? List.of(1, 0) : List.of(0, 1), yes ? List.of(1, 0) : List.of(0, 1)));
    EncryptedBallot ballot =
        new BallotEncryptor(ElectionCrypto.context(state(), ELECTION))
            .encrypt(ElectionCrypto.style(manifest), plain, random)
            .ballot();
    Ed25519Signer v = voters.get(voter);
    SignedTransaction tx = sign(v, new CastBallot(ELECTION, v.publicKey(), ballot));
    transactions.put("cast-" + name, tx);
    trackingCodes.put(name, ballotHash(ballot));
    return tx;
  }

  /** The tracking code: the ballot hash H(H_E; 0x29, encoding) the contracts store it under. */
  private Hash32 ballotHash(EncryptedBallot ballot) {
    byte[] he = state().get(StateKeys.extendedBaseHash(ELECTION)).orElseThrow();
    return ballot.hash(Hash32.of(he));
  }

  private void receiveShares(List<Trustee> trustees) {
    for (int d = 0; d < 3; d++) {
      byte[] stored = state().get(StateKeys.shares(ELECTION, d + 1)).orElseThrow();
      for (EncryptedShare share : new CanonicalReader(stored).list(8, EncryptedShare::readFrom)) {
        Trustee recipient = trustees.get(share.recipient() - 1);
        if (recipient.receiveShare(trustees.get(d).announcement(), share).isPresent()) {
          throw new AssertionError("a share did not open");
        }
      }
    }
  }

  /** Proposed by official 0, approved by official 1: two commits. */
  private void governed(GovernedAction action, String name) throws Exception {
    SignedTransaction propose = sign(official0, new Propose(action, 100_000));
    commitAll(List.of(propose));
    SignedTransaction approve = sign(official1, new Approve(propose.id()));
    commitAll(List.of(approve));
    transactions.put(name, approve);
  }

  SignedTransaction sign(Ed25519Signer signer, Transaction body) {
    long nonce = nonces.getOrDefault(signer, 0L);
    nonces.put(signer, nonce + 1);
    return SignedTransaction.sign(signer, nonce, body, contracts.chainId());
  }

  /** Submits to validators 0..2 in turn (never 3, whose rate limit is tiny) and waits for all. */
  void commitAll(List<SignedTransaction> txs) throws Exception {
    for (SignedTransaction tx : txs) {
      ValidatorNode node = nodes.get(submitTo++ % 3);
      Admission a =
          node.submit(tx.encode())
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      if (a != Admission.ACCEPTED) {
        throw new AssertionError("not accepted: " + a);
      }
    }
    for (SignedTransaction tx : txs) {
      Await.until(
          () -> nodes.stream().limit(3).allMatch(n -> n.transactionLocation(tx.id()).isPresent()),
          30,
          "committed");
      byte[] receipt = nodes.get(0).state(StateKeys.receipt(tx.id()).bytes()).orElseThrow();
      var outcome = io.votechain.contract.TxReceipt.decodeOutcome(receipt);
      if (!outcome.code().name().equals("OK")) {
        throw new AssertionError(tx.body().kind() + " refused: " + outcome);
      }
    }
  }

  long headTimestamp() {
    CanonicalReader r = new CanonicalReader(state().get(StateKeys.CHAIN_HEAD).orElseThrow());
    r.i64();
    return r.i64();
  }

  private static ElectionManifest manifest(String id, long start, long end) {
    return new ElectionManifest(
        id,
        LocalizedText.of("en", "Municipal election", "zh", "市政选举"),
        List.of(
            new Contest(
                "mayor",
                ContestKind.ONE_OF_N,
                1,
                LocalizedText.of("en", "Mayor", "zh", "市长"),
                List.of(
                    new Choice("alice", LocalizedText.of("en", "Alice", "zh", "爱丽丝")),
                    new Choice("bob", LocalizedText.of("en", "Bob", "zh", "鲍勃")))),
            new Contest(
                "measure-1",
                ContestKind.YES_NO,
                1,
                LocalizedText.of("en", "Measure 1", "zh", "第一号提案"),
                List.of(
                    new Choice("yes", LocalizedText.of("en", "Yes", "zh", "是")),
                    new Choice("no", LocalizedText.of("en", "No", "zh", "否"))))),
        start,
        end,
        RevotePolicy.LAST_VOTE_COUNTS);
  }

  @Override
  public void close() throws ExecutionException, IOException, TimeoutException {
    try {
      for (ValidatorNode n : nodes) {
        n.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the validators", e);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
