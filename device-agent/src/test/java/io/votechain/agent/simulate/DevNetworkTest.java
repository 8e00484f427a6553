package io.votechain.agent.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.votechain.node.LocalNetwork;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevNetworkTest {
  @TempDir Path dir;

  @Test
  void readsTheEndpointsAndOfficialsOfADevFolder() throws IOException {
    LocalNetwork.initWithContracts(dir, 2, 41000, "rocksdb", 1_000);

    DevNetwork network = DevNetwork.read(dir);

    assertEquals(2, network.validators().size());
    assertEquals(3, network.officials().size());
    assertEquals(
        List.of(URI.create("http://127.0.0.1:41001"), URI.create("http://127.0.0.1:41011")),
        network.httpApis());
    assertEquals(
        List.of("tcp://127.0.0.1:41002", "tcp://127.0.0.1:41012"), network.mqttEndpoints());
    assertEquals("http://127.0.0.1:41011/api/v1/status", network.statusUrls().get(1));
  }

  @Test
  void aValidatorWithoutAnMqttSectionIsRefused() throws IOException {
    LocalNetwork.initWithContracts(dir, 1, 41000, "rocksdb", 1_000);
    Path config = dir.resolve("validator-0").resolve("config.json");
    JsonObject json = new JsonObject(Files.readString(config));
    json.remove("mqtt");
    Files.writeString(config, json.encode());

    IOException e = assertThrows(IOException.class, () -> DevNetwork.read(dir));
    assertEquals("validator-0/config.json needs http and mqtt sections", e.getMessage());
  }
}
