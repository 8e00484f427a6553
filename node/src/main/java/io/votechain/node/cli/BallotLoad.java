package io.votechain.node.cli;

import io.votechain.ballot.BallotBatchVerifier;
import io.votechain.ballot.BallotStyle;
import io.votechain.ballot.BatchVerification;
import io.votechain.ballot.EncryptedBallot;
import io.votechain.contract.ElectionCrypto;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import io.votechain.node.NodeConfig;
import io.votechain.node.client.HttpChainClient;
import io.votechain.node.demo.ElectionScenario;
import io.votechain.tx.CastBallot;
import io.votechain.tx.SignedTransaction;
import io.votechain.tx.election.Choice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ContestKind;
import io.votechain.tx.election.ElectionManifest;
import io.votechain.tx.election.LocalizedText;
import io.votechain.tx.election.RevotePolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ballot load run of docs/benchmarks.md: on a running local network ({@code votechain dev}) it
 * creates an election with one 5-choice contest (5 selections), issues credentials, encrypts and
 * signs the ballots ahead of time, measures how many of them this machine's cores verify per second
 * by batch verification (the ceiling the cryptography sets), then offers them at a fixed rate
 * through the HTTP API and reports committed ballots per second and latency percentiles. Every
 * validator verifies every ballot of every block, so the ceiling for the network on one machine is
 * the verification rate divided by the number of validators.
 */
@Command(
    name = "load-ballots",
    description = "Cast encrypted ballots at a fixed rate on a local network and measure commits.")
final class BallotLoad implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = ".votechain/dev", description = "The network's files.")
  Path dir;

  @Option(names = "--ballots", defaultValue = "4000", description = "Ballots to cast.")
  int ballots;

  @Option(names = "--rate", defaultValue = "100", description = "Ballots offered per second.")
  int rate;

  /**
   * A fresh validator's JIT compiler uses about as much CPU as its work for its first ~90 s on a
   * 2-core machine (docs/benchmarks.md): figures taken then measure the warm-up, not the network.
   */
  @Option(
      names = "--warmup",
      defaultValue = "0",
      description = "Ballots cast first at the same rate and left out of every figure.")
  int warmup;

  /**
   * Holding every ballot encrypted ahead takes ≈ 3 KiB each: fine for thousands, not for the
   * million of the heap run (docs/benchmarks.md). Streaming encrypts them on the same cores while
   * they are cast, so its throughput and latency are not comparable with a run without it.
   */
  @Option(
      names = "--stream",
      description =
          "Encrypt ballots while casting them, holding at most a small window in memory (runs too"
              + " large to hold; the cores are shared with the validators).")
  boolean stream;

  /** Ballots encrypted ahead in a streamed run: a few seconds of casting, and bounded memory. */
  static final int STREAM_WINDOW = 1_024;

  @Option(
      names = "--ceiling-sample",
      defaultValue = "2000",
      description =
          "Ballots whose batch verification on this machine's cores sets the ceiling; a streamed"
              + " run encrypts these first.")
  int ceilingSample;

  @Override
  public Integer call() throws Exception {
    if (ballots < 1 || rate < 1 || warmup < 0 || ceilingSample < 1) {
      throw new IllegalArgumentException(
          "--ballots, --rate and --ceiling-sample must be positive, --warmup not negative");
    }
    GenesisConfig contracts = GenesisFile.readContracts(dir.resolve("genesis.json")).orElseThrow();
    List<String> urls = new ArrayList<>();
    for (int i = 0; Files.exists(dir.resolve("validator-" + i)); i++) {
      NodeConfig c =
          NodeConfig.load(dir.resolve("validator-" + i).resolve("config.json"), System.getenv());
      urls.add("http://" + c.httpHost() + ":" + c.httpPort());
    }
    List<Ed25519Signer> officials = new ArrayList<>();
    for (int i = 0; i < contracts.officials().size(); i++) {
      officials.add(KeyFile.read(dir.resolve("officials").resolve("official-" + i + ".json")));
    }
    SecureRandom random = new SecureRandom();
    ElectionScenario scenario =
        new ElectionScenario(
            new HttpChainClient(contracts.chainId(), urls.stream().map(URI::create).toList()),
            officials,
            contracts.threshold(),
            random);
    byte[] suffix = new byte[3];
    random.nextBytes(suffix);
    String id = "load-" + HexFormat.of().formatHex(suffix);
    long now = System.currentTimeMillis();
    System.out.println("setting up " + id + " (5 selections, 1 trustee)...");
    scenario.createWithCeremony(manifest(id, now - 60_000, now + 6 * 3_600_000L), 1, 1);
    int total = warmup + ballots;
    List<Ed25519Signer> voters = scenario.issueCredentials(id, "load", total);
    scenario.open(id);

    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    long t = System.nanoTime();
    List<Future<SignedTransaction>> pending = new ArrayList<>();
    ElectionScenario.WebBallots webBallots = scenario.webBallots(id);
    // Fresh credentials: each voter's first transaction has nonce 0.
    IntFunction<SignedTransaction> ballot =
        n -> webBallots.cast(voters.get(n), 0, "b" + n, List.of(marks(n)));
    int held = stream ? Math.min(total, ceilingSample) : total;
    for (int i = 0; i < held; i++) {
      int n = i;
      pending.add(pool.submit(() -> ballot.apply(n)));
    }
    List<SignedTransaction> txs = new ArrayList<>();
    for (Future<SignedTransaction> f : pending) {
      txs.add(f.get());
    }
    System.out.printf(
        "encrypted and signed %d ballots in %.1f s on %d cores%s%n",
        held,
        (System.nanoTime() - t) / 1e9,
        cores,
        stream ? "; the other " + (total - held) + " are encrypted while casting" : "");

    List<EncryptedBallot> sample = new ArrayList<>();
    for (int i = 0; i < Math.min(held, ceilingSample); i++) {
      sample.add(((CastBallot) txs.get(i).body()).ballot());
    }
    ElectionManifest manifest =
        io.votechain.contract.ElectionContract.manifest(scenario.state(), id).orElseThrow();
    BallotStyle style = ElectionCrypto.style(manifest);
    BallotBatchVerifier verifier =
        new BallotBatchVerifier(ElectionCrypto.context(scenario.state(), id));
    verifier.verify(Map.of(id, style), sample.subList(0, Math.min(200, sample.size()))); // warm-up
    t = System.nanoTime();
    BatchVerification check = verifier.verify(Map.of(id, style), sample, pool, cores);
    double verifyPerSecond = sample.size() / ((System.nanoTime() - t) / 1e9);
    if (!check.allValid()) {
      throw new IllegalStateException("generated ballots do not verify: " + check.invalid());
    }
    double ceiling = verifyPerSecond / urls.size();
    System.out.printf(
        "batch verification on %d cores: %.0f ballots/s; ceiling for %d validators on this"
            + " machine: %.0f ballots/s%n",
        cores, verifyPerSecond, urls.size(), ceiling);

    EncryptAhead<SignedTransaction> ahead =
        new EncryptAhead<>(pool, ballot, held, total, STREAM_WINDOW);
    IntFunction<OpenLoop.Offer> offer =
        n -> {
          SignedTransaction tx;
          try {
            tx = n < held ? txs.get(n) : ahead.take(n);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encrypting ballot " + n, e);
          } catch (ExecutionException e) {
            throw new IllegalStateException("ballot " + n + " could not be encrypted", e);
          }
          return new OpenLoop.Offer(tx.encode(), tx.id().hex());
        };
    OpenLoop.Report report;
    try {
      if (warmup > 0) {
        System.out.printf("warm-up: %d ballots at %d/s, not counted%n", warmup, rate);
        OpenLoop.run(urls, rate, warmup, offer).print("warm-up ballots", rate, urls.size());
      }
      report = OpenLoop.run(urls, rate, ballots, n -> offer.apply(warmup + n));
    } finally {
      // A caller in the same process (DevNetworkIT) is not left with its threads after a failure.
      pool.shutdownNow();
    }
    report.print("ballots", rate, urls.size());
    System.out.printf(
        "sustained / ceiling = %.0f / %.0f = %.2f%n",
        report.committedPerSecond(), ceiling, report.committedPerSecond() / ceiling);
    return report.notCommitted() == 0 ? 0 : 1;
  }

  /** Voter n's choice among the 5, spread evenly. */
  private static List<Integer> marks(int n) {
    List<Integer> m = new ArrayList<>(List.of(0, 0, 0, 0, 0));
    m.set(n % 5, 1);
    return m;
  }

  private static ElectionManifest manifest(String id, long start, long end) {
    List<Choice> choices = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      choices.add(new Choice("c" + i, LocalizedText.of("en", "Choice " + i)));
    }
    return new ElectionManifest(
        id,
        LocalizedText.of("en", "Load test"),
        List.of(
            new Contest(
                "pick", ContestKind.ONE_OF_N, 1, LocalizedText.of("en", "Pick one"), choices)),
        start,
        end,
        RevotePolicy.LAST_VOTE_COUNTS);
  }
}
