package io.votechain.agent.simulate;

import io.vertx.core.json.JsonObject;
import io.votechain.agent.AgentConfig;
import io.votechain.agent.DeviceAgent;
import io.votechain.agent.attestation.AttestationCounters;
import io.votechain.agent.attestation.Measurement;
import io.votechain.agent.identity.Pkcs12DeviceKey;
import io.votechain.agent.kiosk.KioskSession;
import io.votechain.agent.link.Backoff;
import io.votechain.agent.link.MqttLink;
import io.votechain.agent.queue.Outbox;
import io.votechain.agent.queue.Settlement;
import io.votechain.contract.TxReceipt;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.device.ElectionConfig;
import io.votechain.node.client.HttpChainClient;
import io.votechain.node.demo.ElectionScenario;
import io.votechain.tx.AssignDevice;
import io.votechain.tx.ErrorCode;
import io.votechain.tx.ProvisionDevice;
import io.votechain.tx.election.Contest;
import io.votechain.tx.election.ElectionManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The polling-station fleet simulator (docs/device-agent.md §8): as the officials, provisions
 * {@code devices} virtual kiosks with their own P-256 keys and the measurement each agent computes,
 * assigns each to its own station and registers the voters' credentials there; then every kiosk — a
 * real {@link DeviceAgent} with its own MQTT connection, outbox and attestation — checks voters in
 * and casts their ballots through {@link KioskSession}, paced to {@code rate} ballots a second over
 * the fleet.
 *
 * <p>Each ballot's latency is measured to its committed receipt twice: from the kiosk's cast (the
 * ballot enters the device's outbox, behind that voter's check-in, which a voter who marks in no
 * time finds still in flight) and from the ballot's first MQTT publish. Selections come from {@code
 * Random(seed)}: one choice per contest, uniformly, so the totals of the ballots that committed can
 * be compared with the tally.
 */
public final class FleetSimulator {
  /**
   * What the simulation is asked to do. {@code endpoints} gives kiosk {@code d} (0-based) its MQTT
   * endpoint list, in the order it tries them; {@code null} gives kiosk {@code d} the network's
   * list starting at validator {@code d mod n}, so that a fleet spreads over the validators. The
   * end-to-end test uses it to spread kiosks over the validators and to put one kiosk behind a
   * proxy it can cut. {@code observer} hears of the run's progress. {@code reattestAfter} is each
   * agent's re-attestation period in blocks, 0 for the agent's default (half the chain's
   * attestation freshness); the end-to-end test shortens it so that every kiosk re-attests during
   * the vote, the revoked one too.
   */
  public record Plan(
      String electionId,
      int devices,
      int ballots,
      double ratePerSecond,
      long seed,
      Path work,
      IntFunction<List<String>> endpoints,
      Observer observer,
      long reattestAfter) {
    public Plan {
      if (devices < 1 || ballots < 0 || !(ratePerSecond > 0) || reattestAfter < 0) {
        throw new IllegalArgumentException(
            "devices >= 1, ballots >= 0, rate > 0, reattestAfter >= 0");
      }
      Objects.requireNonNull(observer, "observer");
    }

    /** Kiosks spread over the network's endpoints, nobody observing (the command line's plan). */
    public Plan(
        String electionId, int devices, int ballots, double ratePerSecond, long seed, Path work) {
      this(electionId, devices, ballots, ratePerSecond, seed, work, null, Observer.NONE, 0);
    }

    public Plan withEndpoints(IntFunction<List<String>> endpoints) {
      return copy(c -> c.endpoints = endpoints);
    }

    public Plan withObserver(Observer observer) {
      return copy(c -> c.observer = observer);
    }

    public Plan withReattestAfter(long blocks) {
      return copy(c -> c.reattestAfter = blocks);
    }

    /**
     * This plan with {@code change} made, so that a wither names only what it changes; the copy
     * goes through the canonical constructor, which checks it like any plan.
     */
    private Plan copy(Consumer<Components> change) {
      Components c = new Components(this);
      change.accept(c);
      return new Plan(
          c.electionId,
          c.devices,
          c.ballots,
          c.ratePerSecond,
          c.seed,
          c.work,
          c.endpoints,
          c.observer,
          c.reattestAfter);
    }

    /** A plan's components while a copy is being changed. */
    private static final class Components {
      String electionId;
      int devices;
      int ballots;
      double ratePerSecond;
      long seed;
      Path work;
      IntFunction<List<String>> endpoints;
      Observer observer;
      long reattestAfter;

      Components(Plan p) {
        electionId = p.electionId;
        devices = p.devices;
        ballots = p.ballots;
        ratePerSecond = p.ratePerSecond;
        seed = p.seed;
        work = p.work;
        endpoints = p.endpoints;
        observer = p.observer;
        reattestAfter = p.reattestAfter;
      }
    }
  }

  /**
   * Hears of the run's progress, on the simulator's thread: implementations must return at once
   * (hand longer work, such as revoking a device or killing a validator, to another thread), since
   * the simulator paces ballots on that thread.
   */
  public interface Observer {
    Observer NONE = new Observer() {};

    /** Kiosk {@code index} is provisioned, assigned, has its voters and its agent is started. */
    default void deviceStarted(int index, String deviceId) {}

    /** Every kiosk is attested and has the election's configuration: casting begins. */
    default void votingStarted() {}

    /**
     * Ballot {@code ballot} (0-based) has been handed to kiosk {@code deviceId}, which checks its
     * voter in and casts it on the kiosk's own thread.
     */
    default void ballotCast(int ballot, String deviceId) {}
  }

  private static final char[] PASSPHRASE = "fleet-simulator".toCharArray();

  private final DevNetwork network;
  private final Plan plan;
  private final SecureRandom random;
  private final long timeoutSeconds;

  /**
   * @param random device keys, ballot nonces and voter credentials (seeded in tests)
   * @param timeoutSeconds how long to wait for attestations and the last receipts
   */
  public FleetSimulator(DevNetwork network, Plan plan, SecureRandom random, long timeoutSeconds) {
    this.network = network;
    this.plan = plan;
    this.random = random;
    this.timeoutSeconds = timeoutSeconds;
  }

  private record Kiosk(
      String deviceId, String stationId, DeviceAgent agent, KioskSession session) {}

  /** A cast ballot; {@code settledNanos} completes on the agent's thread when it settles. */
  private record Cast(
      long startedNanos,
      CompletableFuture<DeviceAgent.Delivery> delivery,
      CompletableFuture<Long> settledNanos) {}

  /** Runs the simulation; the agents are stopped when it returns. */
  public FleetReport run() throws Exception {
    if (network.officials().size() < network.contracts().threshold()) {
      throw new IOException("the network folder has fewer officials' keys than the threshold");
    }
    HttpChainClient chain = new HttpChainClient(network.contracts().chainId(), network.httpApis());
    ElectionScenario officials =
        new ElectionScenario(chain, network.officials(), network.contracts().threshold(), random);
    byte[] tagBytes = new byte[3];
    random.nextBytes(tagBytes);
    String tag = "sim-" + HexFormat.of().formatHex(tagBytes);
    Files.createDirectories(plan.work());

    List<Kiosk> kiosks = new ArrayList<>();
    List<List<Ed25519Signer>> voters = new ArrayList<>();
    try {
      for (int d = 0; d < plan.devices(); d++) {
        String deviceId = tag + "-kiosk-" + d;
        String stationId = tag + "-station-" + d;
        Path configFile = writeDevice(d, deviceId);
        AgentConfig config = AgentConfig.load(configFile);
        Pkcs12DeviceKey key =
            Pkcs12DeviceKey.create(config.keyStore(), PASSPHRASE, deviceId, random);
        Hash32 measurement = Measurement.ofRunningAgent(configFile);
        Ed25519Signer custodian = network.officials().get(0);
        expectOk(
            "provision " + deviceId,
            officials.submit(
                custodian,
                new ProvisionDevice(
                    deviceId,
                    key.publicKey(),
                    "fleet-simulator",
                    measurement,
                    custodian.publicKey())));
        expectOk(
            "assign " + deviceId,
            officials.submit(custodian, new AssignDevice(deviceId, stationId)));
        int share = plan.ballots() / plan.devices() + (d < plan.ballots() % plan.devices() ? 1 : 0);
        voters.add(
            share == 0
                ? List.of()
                : officials.issueCredentials(plan.electionId(), stationId, share));
        DeviceAgent agent = startAgent(config, key, measurement);
        kiosks.add(new Kiosk(deviceId, stationId, agent, new KioskSession(agent, random)));
        plan.observer().deviceStarted(d, deviceId);
      }
      for (Kiosk k : kiosks) {
        waitUntil(
            () -> k.agent().status().attestation().equals("FRESH"),
            k.deviceId() + " attested: " + k.agent().status());
        waitUntil(
            () -> k.agent().elections().containsKey(plan.electionId()),
            k.deviceId() + " received the election's configuration");
      }
      plan.observer().votingStarted();
      return castAll(kiosks, voters);
    } finally {
      for (Kiosk k : kiosks) {
        k.agent().close();
      }
    }
  }

  private FleetReport castAll(List<Kiosk> kiosks, List<List<Ed25519Signer>> voters)
      throws Exception {
    ElectionConfig config = kiosks.get(0).agent().elections().get(plan.electionId());
    ElectionManifest manifest = config.manifest();
    Random votes = new Random(plan.seed());
    List<List<Integer>> selections = new ArrayList<>();
    Map<String, Integer> refusals = new TreeMap<>();
    // Per kiosk, for tests that treat one kiosk differently (revoked, cut off): guarded by
    // refusals.
    List<Map<String, Integer>> deviceRefusals = new ArrayList<>();
    kiosks.forEach(k -> deviceRefusals.add(new TreeMap<>()));
    int[] next = new int[kiosks.size()];
    long interval = (long) (1e9 / plan.ratePerSecond());
    // Each kiosk is a device of its own: it checks in, encrypts and casts on its own thread, so one
    // kiosk's durable outbox write (an fsync per transaction) or encryption does not hold up the
    // others. On one thread the fleet could not go faster than one disk's fsyncs in a row allow
    // (≈ 14–27 ballots/s here, docs/benchmarks.md, session 9).
    List<ExecutorService> kioskThreads = new ArrayList<>();
    for (Kiosk k : kiosks) {
      kioskThreads.add(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "kiosk-" + k.deviceId());
                t.setDaemon(true);
                return t;
              }));
    }
    List<CompletableFuture<Cast>> casts = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int b = 0; b < plan.ballots(); b++) {
        long due = start + b * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int d = b % kiosks.size();
        Kiosk kiosk = kiosks.get(d);
        Ed25519Signer voter = voters.get(d).get(next[d]++);
        // The choices are drawn here, in ballot order, so the seed fixes them whatever the
        // kiosks' threads do.
        List<Integer> chosen = new ArrayList<>();
        List<List<Integer>> marks = new ArrayList<>();
        for (Contest contest : manifest.contests()) {
          int choice = votes.nextInt(contest.choices().size());
          chosen.add(choice);
          marks.add(List.of(choice));
        }
        selections.add(chosen);
        Consumer<Settlement> refused =
            s -> {
              if (s.code() != 0) {
                synchronized (refusals) {
                  refusals.merge(s.codeName(), 1, Integer::sum);
                  deviceRefusals.get(d).merge(s.codeName(), 1, Integer::sum);
                }
              }
            };
        casts.add(
            CompletableFuture.supplyAsync(
                () -> castOn(kiosk, voter, marks, refused), kioskThreads.get(d)));
        plan.observer().ballotCast(b, kiosk.deviceId());
      }
      return settle(kiosks, casts, selections, manifest, refusals, deviceRefusals, start);
    } finally {
      kioskThreads.forEach(ExecutorService::shutdownNow);
    }
  }

  /** One voter at {@code kiosk}: check-in, marks (encryption), cast; on the kiosk's thread. */
  private Cast castOn(
      Kiosk kiosk,
      Ed25519Signer voter,
      List<List<Integer>> marks,
      Consumer<Settlement> checkInRefused) {
    CompletableFuture<DeviceAgent.Delivery> checkIn =
        kiosk
            .session()
            .checkIn(plan.electionId(), HexFormat.of().formatHex(voter.publicKey().encoded()));
    checkIn.thenAccept(delivery -> checkInRefused.accept(delivery.settlement()));
    kiosk.session().mark(marks);
    long castAt = System.nanoTime();
    kiosk.session().cast();
    CompletableFuture<DeviceAgent.Delivery> delivery = kiosk.session().castDelivery().orElseThrow();
    return new Cast(castAt, delivery, delivery.thenApply(x -> System.nanoTime()));
  }

  private FleetReport settle(
      List<Kiosk> kiosks,
      List<CompletableFuture<Cast>> casts,
      List<List<Integer>> selections,
      ElectionManifest manifest,
      Map<String, Integer> refusals,
      List<Map<String, Integer>> deviceRefusals,
      long start)
      throws Exception {
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    Histogram fromPublish = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    long committed = 0;
    long lastDone = start;
    Map<String, Map<String, Long>> totals = emptyTotals(manifest);
    int[] deviceCast = new int[kiosks.size()];
    long[] deviceCommitted = new long[kiosks.size()];
    long[] deviceLastHeight = new long[kiosks.size()];
    List<Map<String, Map<String, Long>>> deviceTotals = new ArrayList<>();
    kiosks.forEach(k -> deviceTotals.add(emptyTotals(manifest)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (int i = 0; i < casts.size(); i++) {
      int d = i % kiosks.size();
      deviceCast[d]++;
      long left = Math.max(1, deadline - System.nanoTime());
      DeviceAgent.Delivery delivery;
      long doneAt;
      Cast cast;
      try {
        cast = casts.get(i).get(left, TimeUnit.NANOSECONDS);
        left = Math.max(1, deadline - System.nanoTime());
        delivery = cast.delivery().get(left, TimeUnit.NANOSECONDS);
        doneAt = cast.settledNanos().get(left, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        synchronized (refusals) {
          refusals.merge("NO_RECEIPT", 1, Integer::sum);
          deviceRefusals.get(d).merge("NO_RECEIPT", 1, Integer::sum);
        }
        continue;
      } catch (ExecutionException e) {
        // The kiosk failed to check the voter in or to cast (as on the pacing thread before).
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
      Settlement s = delivery.settlement();
      if (s.code() != 0 || s.height() == 0) {
        synchronized (refusals) {
          refusals.merge(s.codeName(), 1, Integer::sum);
          deviceRefusals.get(d).merge(s.codeName(), 1, Integer::sum);
        }
        continue;
      }
      committed++;
      deviceCommitted[d]++;
      deviceLastHeight[d] = Math.max(deviceLastHeight[d], s.height());
      latency.recordValue(Math.max(0, (doneAt - cast.startedNanos()) / 1_000));
      if (delivery.publishedNanos() != Long.MIN_VALUE) {
        fromPublish.recordValue(Math.max(0, (doneAt - delivery.publishedNanos()) / 1_000));
      }
      lastDone = Math.max(lastDone, doneAt);
      List<Integer> chosen = selections.get(i);
      for (int c = 0; c < chosen.size(); c++) {
        Contest contest = manifest.contests().get(c);
        String choiceId = contest.choices().get(chosen.get(c)).choiceId();
        totals.get(contest.contestId()).merge(choiceId, 1L, Long::sum);
        deviceTotals.get(d).get(contest.contestId()).merge(choiceId, 1L, Long::sum);
      }
    }
    double seconds = Math.max(1e-9, (lastDone - start) / 1e9);
    Map<String, Integer> refused;
    Map<String, FleetReport.DeviceReport> perDevice = new TreeMap<>();
    synchronized (refusals) {
      refused = new TreeMap<>(refusals);
      for (int d = 0; d < kiosks.size(); d++) {
        perDevice.put(
            kiosks.get(d).deviceId(),
            new FleetReport.DeviceReport(
                d,
                deviceCast[d],
                deviceCommitted[d],
                deviceLastHeight[d],
                deviceRefusals.get(d),
                deviceTotals.get(d)));
      }
    }
    return new FleetReport(
        plan.devices(),
        plan.ballots(),
        committed,
        committed / seconds,
        percentiles(latency),
        percentiles(fromPublish),
        refused,
        totals,
        perDevice);
  }

  private static FleetReport.Latency percentiles(Histogram micros) {
    return new FleetReport.Latency(
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(95) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0);
  }

  private static Map<String, Map<String, Long>> emptyTotals(ElectionManifest manifest) {
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    for (Contest contest : manifest.contests()) {
      Map<String, Long> choices = new TreeMap<>();
      contest.choices().forEach(c -> choices.put(c.choiceId(), 0L));
      totals.put(contest.contestId(), choices);
    }
    return totals;
  }

  /**
   * {@code list} rotated to start at element {@code start} mod its size: kiosk {@code d} tries
   * validator {@code d mod n} first and fails over to the next ones in turn. Endpoints and status
   * URLs are rotated alike, as the agent pairs them by position.
   */
  static <T> List<T> startingAt(List<T> list, int start) {
    List<T> rotated = new ArrayList<>(list);
    java.util.Collections.rotate(rotated, -start);
    return List.copyOf(rotated);
  }

  private Path writeDevice(int index, String deviceId) throws IOException {
    Path home = plan.work().resolve(deviceId);
    Files.createDirectories(home.resolve("data"));
    Path configFile = home.resolve("config.json");
    List<String> endpoints;
    List<String> statusUrls;
    if (plan.endpoints() == null) {
      // As a deployment's provisioning spreads its kiosks: with one order for all, every kiosk
      // connected to validator 0, which carried all the fleet's MQTT and client checks.
      endpoints = startingAt(network.mqttEndpoints(), index);
      statusUrls = startingAt(network.statusUrls(), index);
    } else {
      endpoints = plan.endpoints().apply(index);
      statusUrls = network.statusUrls();
    }
    JsonObject json =
        AgentConfig.json(
                deviceId,
                network.contracts().chainId(),
                network.validators(),
                endpoints,
                "data",
                network.contracts().params().attestationFreshness())
            .put("statusUrls", new io.vertx.core.json.JsonArray(statusUrls));
    if (plan.reattestAfter() > 0) {
      json.put("reattestAfter", plan.reattestAfter());
    }
    Files.writeString(configFile, json.encodePrettily());
    return configFile;
  }

  private DeviceAgent startAgent(AgentConfig config, Pkcs12DeviceKey key, Hash32 measurement)
      throws IOException {
    DeviceAgent[] holder = new DeviceAgent[1];
    Random jitter = new Random(random.nextLong());
    DeviceAgent agent =
        new DeviceAgent(
            config,
            key,
            measurement,
            AttestationCounters.open(config.counters()),
            Outbox.open(config.outbox()),
            listener ->
                new MqttLink(
                    config.endpoints(),
                    config.deviceId(),
                    uri -> holder[0].connectPassword(uri),
                    new Backoff(100, 5_000, jitter),
                    5,
                    listener));
    holder[0] = agent;
    agent.start();
    return agent;
  }

  private void waitUntil(BooleanSupplier condition, Object what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  private static void expectOk(String what, TxReceipt.Outcome outcome) throws IOException {
    if (outcome.code() != ErrorCode.OK) {
      throw new IOException(what + ": " + outcome.code() + " " + outcome.reason());
    }
  }
}
