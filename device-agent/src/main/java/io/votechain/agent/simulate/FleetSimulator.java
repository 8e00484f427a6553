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
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * The polling-station fleet simulator (docs/device-agent.md §8): as the officials, provisions
 * {@code devices} virtual kiosks with their own P-256 keys and the measurement each agent computes,
 * assigns each to its own station and registers the voters' credentials there; then every kiosk — a
 * real {@link DeviceAgent} with its own MQTT connection, outbox and attestation — checks voters in
 * and casts their ballots through {@link KioskSession}, paced to {@code rate} ballots a second over
 * the fleet.
 *
 * <p>Each ballot's latency is measured from the kiosk's cast (the ballot enters the device's
 * outbox, behind that voter's check-in) to its committed receipt. Selections come from {@code
 * Random(seed)}: one choice per contest, uniformly, so the totals of the ballots that committed can
 * be compared with the tally.
 */
public final class FleetSimulator {
  /** What the simulation is asked to do. */
  public record Plan(
      String electionId, int devices, int ballots, double ratePerSecond, long seed, Path work) {
    public Plan {
      if (devices < 1 || ballots < 0 || !(ratePerSecond > 0)) {
        throw new IllegalArgumentException("devices >= 1, ballots >= 0, rate > 0");
      }
    }
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
        Path configFile = writeDevice(deviceId);
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
      }
      for (Kiosk k : kiosks) {
        waitUntil(
            () -> k.agent().status().attestation().equals("FRESH"),
            k.deviceId() + " attested: " + k.agent().status());
        waitUntil(
            () -> k.agent().elections().containsKey(plan.electionId()),
            k.deviceId() + " received the election's configuration");
      }
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
    List<Cast> casts = new ArrayList<>();
    List<List<Integer>> selections = new ArrayList<>();
    Map<String, Integer> refusals = new TreeMap<>();
    int[] next = new int[kiosks.size()];
    long interval = (long) (1e9 / plan.ratePerSecond());
    long start = System.nanoTime();
    for (int b = 0; b < plan.ballots(); b++) {
      long due = start + b * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int d = b % kiosks.size();
      Kiosk kiosk = kiosks.get(d);
      Ed25519Signer voter = voters.get(d).get(next[d]++);
      CompletableFuture<DeviceAgent.Delivery> checkIn =
          kiosk
              .session()
              .checkIn(plan.electionId(), HexFormat.of().formatHex(voter.publicKey().encoded()));
      checkIn.thenAccept(
          delivery -> {
            if (delivery.settlement().code() != 0) {
              synchronized (refusals) {
                refusals.merge(delivery.settlement().codeName(), 1, Integer::sum);
              }
            }
          });
      List<Integer> chosen = new ArrayList<>();
      List<List<Integer>> marks = new ArrayList<>();
      for (Contest contest : manifest.contests()) {
        int choice = votes.nextInt(contest.choices().size());
        chosen.add(choice);
        marks.add(List.of(choice));
      }
      kiosk.session().mark(marks);
      long castAt = System.nanoTime();
      kiosk.session().cast();
      CompletableFuture<DeviceAgent.Delivery> delivery =
          kiosk.session().castDelivery().orElseThrow();
      casts.add(new Cast(castAt, delivery, delivery.thenApply(x -> System.nanoTime())));
      selections.add(chosen);
    }

    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    long committed = 0;
    long lastDone = start;
    Map<String, Map<String, Long>> totals = emptyTotals(manifest);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (int i = 0; i < casts.size(); i++) {
      Cast cast = casts.get(i);
      long left = Math.max(1, deadline - System.nanoTime());
      DeviceAgent.Delivery delivery;
      long doneAt;
      try {
        delivery = cast.delivery().get(left, TimeUnit.NANOSECONDS);
        doneAt = cast.settledNanos().get(left, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        synchronized (refusals) {
          refusals.merge("NO_RECEIPT", 1, Integer::sum);
        }
        continue;
      }
      Settlement s = delivery.settlement();
      if (s.code() != 0 || s.height() == 0) {
        synchronized (refusals) {
          refusals.merge(s.codeName(), 1, Integer::sum);
        }
        continue;
      }
      committed++;
      latency.recordValue(Math.max(0, (doneAt - cast.startedNanos()) / 1_000));
      lastDone = Math.max(lastDone, doneAt);
      List<Integer> chosen = selections.get(i);
      for (int c = 0; c < chosen.size(); c++) {
        Contest contest = manifest.contests().get(c);
        totals
            .get(contest.contestId())
            .merge(contest.choices().get(chosen.get(c)).choiceId(), 1L, Long::sum);
      }
    }
    double seconds = Math.max(1e-9, (lastDone - start) / 1e9);
    Map<String, Integer> refused;
    synchronized (refusals) {
      refused = new TreeMap<>(refusals);
    }
    return new FleetReport(
        plan.devices(),
        plan.ballots(),
        committed,
        committed / seconds,
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(95) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        refused,
        totals);
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

  private Path writeDevice(String deviceId) throws IOException {
    Path home = plan.work().resolve(deviceId);
    Files.createDirectories(home.resolve("data"));
    Path configFile = home.resolve("config.json");
    JsonObject json =
        AgentConfig.json(
                deviceId,
                network.contracts().chainId(),
                network.validators(),
                network.mqttEndpoints(),
                "data",
                network.contracts().params().attestationFreshness())
            .put("statusUrls", new io.vertx.core.json.JsonArray(network.statusUrls()));
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
