package io.votechain.node;

import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the files of a new network on one machine (what {@code votechain init} writes): a key per
 * validator, one genesis, and a config per validator under {@code dir/validator-<i>/}. Ports are
 * consecutive from {@code basePort}: validator i has its peer port at {@code basePort + 10 i}, its
 * HTTP port (API and web UI) one above and its MQTT endpoint ({@code mqtt} section) two above.
 */
public final class LocalNetwork {
  private LocalNetwork() {}

  /**
   * A network running the voting contracts: also creates 3 officials (M = 2), whose keys are
   * written to {@code dir/officials/official-i.json} for the demo and tests to sign with.
   */
  public static List<Path> initWithContracts(
      Path dir, int validators, int basePort, String store, long genesisTime) throws IOException {
    SecureRandom random = new SecureRandom();
    List<io.votechain.crypto.sig.Ed25519PublicKey> officials = new ArrayList<>();
    Files.createDirectories(dir.resolve("officials"));
    for (int i = 0; i < 3; i++) {
      Ed25519Signer official = Ed25519Signer.generate(random);
      KeyFile.write(official, dir.resolve("officials").resolve("official-" + i + ".json"));
      officials.add(official.publicKey());
    }
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    io.votechain.contract.GenesisConfig contracts =
        new io.votechain.contract.GenesisConfig(
            "votechain-" + java.util.HexFormat.of().formatHex(suffix),
            officials,
            2,
            new io.votechain.contract.ChainParams(100_000, 3_600, 600));
    List<Path> configs =
        init(
            dir,
            validators,
            basePort,
            store,
            genesisTime,
            ContractsStateMachine.genesisStateHash(contracts));
    GenesisFile.writeContracts(contracts, dir.resolve("genesis.json"));
    return configs;
  }

  /** Writes the files and returns the config paths, one per validator. */
  public static List<Path> init(
      Path dir, int validators, int basePort, String store, long genesisTime, Hash32 initialState)
      throws IOException {
    SecureRandom random = new SecureRandom();
    List<Ed25519Signer> keys = new ArrayList<>();
    List<ValidatorInfo> infos = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      Ed25519Signer key = Ed25519Signer.generate(random);
      keys.add(key);
      infos.add(new ValidatorInfo(key.publicKey(), "127.0.0.1:" + (basePort + 10 * i)));
    }
    Genesis genesis = new Genesis("votechain-local", genesisTime, initialState, infos);
    Files.createDirectories(dir);
    GenesisFile.write(genesis, dir.resolve("genesis.json"));
    List<Path> configs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      Path home = dir.resolve("validator-" + i);
      Files.createDirectories(home);
      KeyFile.write(keys.get(i), home.resolve("validator-key.json"));
      configs.add(writeMinimal(home.resolve("config.json"), i, basePort + 10 * i + 1, store));
    }
    return configs;
  }

  private static Path writeMinimal(Path file, int index, int httpPort, String store)
      throws IOException {
    io.vertx.core.json.JsonObject json =
        new io.vertx.core.json.JsonObject()
            .put("validatorIndex", index)
            .put("dataDir", "data")
            .put("genesisFile", "../genesis.json")
            .put("keyFile", "validator-key.json")
            .put(
                "http",
                new io.vertx.core.json.JsonObject().put("host", "127.0.0.1").put("port", httpPort))
            .put("store", store)
            .put(
                "mqtt",
                new io.vertx.core.json.JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", httpPort + 1));
    if (store.equals("cassandra")) {
      json.put(
          "cassandra",
          new io.vertx.core.json.JsonObject()
              .put("contactPoints", new io.vertx.core.json.JsonArray().add("127.0.0.1:9042"))
              .put("keyspace", "validator" + index));
    }
    Files.writeString(file, json.encodePrettily());
    return file;
  }
}
