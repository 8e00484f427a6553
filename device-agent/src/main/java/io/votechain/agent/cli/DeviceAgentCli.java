package io.votechain.agent.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.agent.AgentConfig;
import io.votechain.agent.DeviceAgent;
import io.votechain.agent.attestation.AttestationCounters;
import io.votechain.agent.attestation.Measurement;
import io.votechain.agent.identity.Pkcs12DeviceKey;
import io.votechain.agent.kiosk.KioskServer;
import io.votechain.agent.link.Backoff;
import io.votechain.agent.link.MqttLink;
import io.votechain.agent.queue.Outbox;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.tx.ProvisionDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code device-agent provision | run} (docs/device-agent.md §1 and §7). The passphrase of the key
 * store is read from an environment variable, never from the command line (which other users of the
 * machine can see).
 */
@Command(
    name = "device-agent",
    mixinStandardHelpOptions = true,
    subcommands = {
      DeviceAgentCli.Provision.class,
      DeviceAgentCli.Run.class,
      io.votechain.agent.simulate.SimulateCommand.class
    },
    description = "The votechain polling-station device agent.")
public final class DeviceAgentCli {
  public static void main(String[] args) {
    int code = new CommandLine(new DeviceAgentCli()).execute(args);
    if (code != 0 || args.length == 0 || !args[0].equals("run")) {
      System.exit(code);
    }
  }

  static char[] passphrase(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isEmpty()) {
      throw new CommandLine.ParameterException(
          new CommandLine(new DeviceAgentCli()), "environment variable " + variable + " is empty");
    }
    return value.toCharArray();
  }

  @Command(
      name = "provision",
      description =
          "Creates the device key, writes config.json and provisioning.json (what an official needs"
              + " to register the device).")
  static final class Provision implements Callable<Integer> {
    @Option(names = "--dir", required = true, description = "the device's folder")
    Path dir;

    @Option(names = "--device-id", required = true)
    String deviceId;

    @Option(names = "--genesis", required = true, description = "the chain's genesis.json")
    Path genesis;

    @Option(
        names = "--endpoint",
        required = true,
        description = "MQTT endpoint(s), tcp://host:port")
    List<String> endpoints;

    @Option(names = "--model", defaultValue = "votechain-kiosk")
    String model;

    @Option(names = "--custodian", description = "hex Ed25519 key of the first custodian")
    String custodian;

    @Option(names = "--passphrase-env", defaultValue = "DEVICE_KEY_PASSPHRASE")
    String passphraseEnv;

    @Override
    public Integer call() throws Exception {
      JsonObject g = new JsonObject(Files.readString(genesis));
      List<Ed25519PublicKey> validators = new ArrayList<>();
      for (Object v : g.getJsonArray("validators")) {
        validators.add(
            Ed25519PublicKey.decode(HexFormat.of().parseHex(((JsonObject) v).getString("key"))));
      }
      JsonObject contracts = g.getJsonObject("contracts");
      String chainId = contracts.getString("chainId");
      long freshness =
          contracts
              .getJsonObject("params", new JsonObject())
              .getLong("attestationFreshness", 3600L);
      Files.createDirectories(dir.resolve("data"));
      Path configFile = dir.resolve("config.json");
      Files.writeString(
          configFile,
          AgentConfig.json(deviceId, chainId, validators, endpoints, "data", freshness)
              .put("model", model)
              .encodePrettily());
      AgentConfig config = AgentConfig.load(configFile);
      Pkcs12DeviceKey key =
          Pkcs12DeviceKey.create(
              config.keyStore(), passphrase(passphraseEnv), deviceId, new SecureRandom());
      Hash32 measurement = Measurement.ofRunningAgent(configFile);
      JsonObject out =
          new JsonObject()
              .put("deviceId", deviceId)
              .put("publicKey", HexFormat.of().formatHex(key.publicKey().encoded()))
              .put("model", model)
              .put("referenceMeasurement", measurement.hex())
              .put("chainId", chainId);
      if (custodian != null) {
        ProvisionDevice body =
            new ProvisionDevice(
                deviceId,
                key.publicKey(),
                model,
                measurement,
                Ed25519PublicKey.decode(HexFormat.of().parseHex(custodian)));
        io.votechain.encoding.CanonicalWriter w = new io.votechain.encoding.CanonicalWriter();
        body.writeTo(w);
        out.put("provisionDeviceBody", HexFormat.of().formatHex(w.toByteArray()));
      }
      Files.writeString(dir.resolve("provisioning.json"), out.encodePrettily());
      System.out.println(out.encodePrettily());
      return 0;
    }
  }

  @Command(name = "run", description = "Runs the agent and its kiosk page on 127.0.0.1.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--config", required = true)
    Path configFile;

    @Option(names = "--passphrase-env", defaultValue = "DEVICE_KEY_PASSPHRASE")
    String passphraseEnv;

    @Option(names = "--no-kiosk", description = "deliver the queue only (no kiosk page)")
    boolean noKiosk;

    @Override
    public Integer call() throws Exception {
      AgentConfig config = AgentConfig.load(configFile);
      Pkcs12DeviceKey key = Pkcs12DeviceKey.open(config.keyStore(), passphrase(passphraseEnv));
      Hash32 measurement = Measurement.ofRunningAgent(config.file());
      AttestationCounters counters = AttestationCounters.open(config.counters());
      Outbox outbox = Outbox.open(config.outbox());
      DeviceAgent[] holder = new DeviceAgent[1];
      DeviceAgent agent =
          new DeviceAgent(
              config,
              key,
              measurement,
              counters,
              outbox,
              listener ->
                  new MqttLink(
                      config.endpoints(),
                      config.deviceId(),
                      uri -> holder[0].connectPassword(uri),
                      new Backoff(200, 10_000, new Random()),
                      5,
                      listener));
      holder[0] = agent;
      agent.start();
      System.out.println(
          new JsonObject()
              .put("deviceId", config.deviceId())
              .put("measurement", measurement.hex())
              .put("queued", outbox.size())
              .put("endpoints", new JsonArray(new ArrayList<>(config.endpoints())))
              .encode());
      if (!noKiosk) {
        Vertx vertx = Vertx.vertx();
        int port =
            new KioskServer(vertx, agent, new SecureRandom())
                .start(config.kioskPort())
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        System.out.println(
            new JsonObject()
                .put("kiosk", "http://127.0.0.1:" + port + "/voter")
                .put("pollWorker", "http://127.0.0.1:" + port + "/poll-worker")
                .encode());
      }
      System.out.flush();
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
