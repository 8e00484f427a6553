package io.votechain.agent.simulate;

import io.vertx.core.json.JsonObject;
import io.votechain.contract.GenesisConfig;
import io.votechain.crypto.sig.Ed25519PublicKey;
import io.votechain.crypto.sig.Ed25519Signer;
import io.votechain.node.GenesisFile;
import io.votechain.node.KeyFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator needs from a {@code votechain dev} folder: the chain, the officials' keys
 * ({@code officials/official-i.json}) and, per validator ({@code validator-i/config.json}), its
 * HTTP API and MQTT endpoint.
 */
public record DevNetwork(
    GenesisConfig contracts,
    List<Ed25519PublicKey> validators,
    List<Ed25519Signer> officials,
    List<URI> httpApis,
    List<String> mqttEndpoints) {
  public DevNetwork {
    validators = List.copyOf(validators);
    officials = List.copyOf(officials);
    httpApis = List.copyOf(httpApis);
    mqttEndpoints = List.copyOf(mqttEndpoints);
    if (httpApis.isEmpty() || mqttEndpoints.size() != httpApis.size()) {
      throw new IllegalArgumentException("every validator needs an http and an mqtt section");
    }
  }

  /** Reads {@code dir}; a validator without an {@code mqtt} section cannot serve devices. */
  public static DevNetwork read(Path dir) throws IOException {
    GenesisConfig contracts =
        GenesisFile.readContracts(dir.resolve("genesis.json"))
            .orElseThrow(() -> new IOException("genesis.json has no contracts section"));
    var genesis = GenesisFile.read(dir.resolve("genesis.json"));
    List<Ed25519PublicKey> validators = new ArrayList<>();
    for (int i = 0; i < genesis.validators().size(); i++) {
      validators.add(genesis.validator(i).key());
    }
    List<Ed25519Signer> officials = new ArrayList<>();
    for (int i = 0; i < contracts.officials().size(); i++) {
      Path file = dir.resolve("officials").resolve("official-" + i + ".json");
      if (Files.exists(file)) {
        officials.add(KeyFile.read(file));
      }
    }
    List<URI> apis = new ArrayList<>();
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < validators.size(); i++) {
      JsonObject c =
          new JsonObject(Files.readString(dir.resolve("validator-" + i).resolve("config.json")));
      JsonObject http = c.getJsonObject("http");
      JsonObject mqtt = c.getJsonObject("mqtt");
      if (http == null || mqtt == null) {
        throw new IOException("validator-" + i + "/config.json needs http and mqtt sections");
      }
      apis.add(URI.create("http://" + host(http) + ":" + http.getInteger("port")));
      endpoints.add("tcp://" + host(mqtt) + ":" + mqtt.getInteger("port", 1883));
    }
    return new DevNetwork(contracts, validators, officials, apis, endpoints);
  }

  private static String host(JsonObject section) {
    String host = section.getString("host", "127.0.0.1");
    // A server bound to every interface is reached on loopback from the same machine.
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  /** The node status URLs the agent reads a recent height from for its CONNECT password. */
  public List<String> statusUrls() {
    return httpApis.stream().map(u -> u + "/api/v1/status").toList();
  }
}
