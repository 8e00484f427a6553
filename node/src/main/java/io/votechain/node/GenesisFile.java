package io.votechain.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.consensus.genesis.Genesis;
import io.votechain.consensus.genesis.ValidatorInfo;
import io.votechain.crypto.hash.Hash32;
import io.votechain.crypto.sig.Ed25519PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The genesis as a JSON file that operators can read and compare: chain name, genesis time, initial
 * state hash, and the validators (Ed25519 key in hex, peer address "host:port"). The chain id is
 * the hash of the genesis's canonical encoding, printed by {@code votechain status}.
 */
public final class GenesisFile {
  private GenesisFile() {}

  public static Genesis read(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    List<ValidatorInfo> validators = new ArrayList<>();
    JsonArray list = json.getJsonArray("validators");
    for (int i = 0; i < list.size(); i++) {
      JsonObject v = list.getJsonObject(i);
      validators.add(
          new ValidatorInfo(
              Ed25519PublicKey.decode(HexFormat.of().parseHex(v.getString("key"))),
              v.getString("address")));
    }
    return new Genesis(
        json.getString("chainName"),
        json.getLong("genesisTime"),
        Hash32.fromHex(json.getString("initialStateHash")),
        validators);
  }

  public static void write(Genesis genesis, Path file) throws IOException {
    JsonArray validators = new JsonArray();
    for (ValidatorInfo v : genesis.validators()) {
      validators.add(
          new JsonObject()
              .put("key", HexFormat.of().formatHex(v.key().encoded()))
              .put("address", v.address()));
    }
    JsonObject json =
        new JsonObject()
            .put("chainName", genesis.chainName())
            .put("genesisTime", genesis.genesisTime())
            .put("initialStateHash", genesis.initialStateHash().hex())
            .put("validators", validators);
    Files.writeString(file, json.encodePrettily());
  }

  /**
   * The contracts' genesis (chain id, officials, M, parameters) from the file's {@code contracts}
   * section, or empty for a chain without contracts (the node's tests run the notary machine).
   */
  public static java.util.Optional<io.votechain.contract.GenesisConfig> readContracts(Path file)
      throws IOException {
    JsonObject c = new JsonObject(Files.readString(file)).getJsonObject("contracts");
    if (c == null) {
      return java.util.Optional.empty();
    }
    List<Ed25519PublicKey> officials = new ArrayList<>();
    for (Object k : c.getJsonArray("officials")) {
      officials.add(Ed25519PublicKey.decode(HexFormat.of().parseHex((String) k)));
    }
    JsonObject p = c.getJsonObject("params", new JsonObject());
    return java.util.Optional.of(
        new io.votechain.contract.GenesisConfig(
            c.getString("chainId"),
            officials,
            c.getInteger("threshold"),
            new io.votechain.contract.ChainParams(
                p.getLong("maxProposalLifetime", 100_000L),
                p.getLong("attestationFreshness", 3_600L),
                p.getLong("attestationNonceWindow", 600L))));
  }

  /** Adds a {@code contracts} section to an existing genesis file. */
  public static void writeContracts(io.votechain.contract.GenesisConfig config, Path file)
      throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    JsonArray officials = new JsonArray();
    config.officials().forEach(k -> officials.add(HexFormat.of().formatHex(k.encoded())));
    json.put(
        "contracts",
        new JsonObject()
            .put("chainId", config.chainId())
            .put("officials", officials)
            .put("threshold", config.threshold())
            .put(
                "params",
                new JsonObject()
                    .put("maxProposalLifetime", config.params().maxProposalLifetime())
                    .put("attestationFreshness", config.params().attestationFreshness())
                    .put("attestationNonceWindow", config.params().attestationNonceWindow())));
    Files.writeString(file, json.encodePrettily());
  }

  /** "host:port" of a validator's peer address. */
  public static String host(ValidatorInfo v) {
    return v.address().substring(0, v.address().lastIndexOf(':'));
  }

  public static int port(ValidatorInfo v) {
    return Integer.parseInt(v.address().substring(v.address().lastIndexOf(':') + 1));
  }
}
