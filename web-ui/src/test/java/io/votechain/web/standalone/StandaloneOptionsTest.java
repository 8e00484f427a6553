package io.votechain.web.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.votechain.crypto.hash.Hash32;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone web UI's command line: defaults, and every refusal with its code. */
class StandaloneOptionsTest {
  private static String code(String... args) {
    return assertThrows(StandaloneOptions.Invalid.class, () -> StandaloneOptions.parse(args))
        .code();
  }

  @Test
  void onlyTheNodeIsRequired() {
    StandaloneOptions o = StandaloneOptions.parse("--node", "https://node.example:8443/chain/");
    assertEquals(URI.create("https://node.example:8443/chain/"), o.node());
    assertEquals(StandaloneOptions.DEFAULT_HOST, o.host());
    assertEquals(StandaloneOptions.DEFAULT_PORT, o.port());
    assertEquals(Optional.empty(), o.pinnedChainId());
    assertTrue(o.web().isEmpty());
  }

  @Test
  void theConfigurationsWebSectionAndTheOfficialsFileAreRead(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"web\": {\"secureCookies\": true, \"officials\": \"a.json\"}}");
    StandaloneOptions o =
        StandaloneOptions.parse(
            "--node",
            "http://127.0.0.1:8081",
            "--config",
            config.toString(),
            "--officials",
            "b.json",
            "--chain-id",
            "AB".repeat(32),
            "--port",
            "0");
    assertTrue(o.web().getBoolean("secureCookies"));
    assertEquals("b.json", o.web().getString("officials"), "--officials wins over the file");
    assertEquals(Optional.of(Hash32.fromHex("ab".repeat(32))), o.pinnedChainId());
    assertEquals(0, o.port());
  }

  @Test
  void badCommandLinesAreRefusedWithTheirCodes(@TempDir Path dir) throws Exception {
    assertEquals("STANDALONE_BAD_ARGUMENTS", code());
    assertEquals("STANDALONE_BAD_ARGUMENTS", code("--port", "8080"));
    assertEquals("STANDALONE_BAD_ARGUMENTS", code("--node"));
    assertEquals("STANDALONE_BAD_ARGUMENTS", code("--node", "http://h:1", "--colour", "red"));
    assertEquals("STANDALONE_BAD_NODE_URL", code("--node", "node:8081"));
    assertEquals("STANDALONE_BAD_NODE_URL", code("--node", "ftp://h:21"));
    assertEquals("STANDALONE_BAD_NODE_URL", code("--node", "http://h:1/?x=1"));
    assertEquals("STANDALONE_BAD_NODE_URL", code("--node", "http://user:pw@h:1"));
    assertEquals("STANDALONE_BAD_NODE_URL", code("--node", "http://h :1"));
    assertEquals("STANDALONE_BAD_PORT", code("--node", "http://h:1", "--port", "65536"));
    assertEquals("STANDALONE_BAD_PORT", code("--node", "http://h:1", "--port", "x"));
    assertEquals("STANDALONE_BAD_CHAIN_ID", code("--node", "http://h:1", "--chain-id", "abc"));
    Path missing = dir.resolve("missing.json");
    assertEquals(
        "STANDALONE_CONFIG_UNREADABLE",
        code("--node", "http://h:1", "--config", missing.toString()));
    assertEquals(
        "STANDALONE_GENESIS_UNREADABLE",
        code("--node", "http://h:1", "--genesis", missing.toString()));
    assertEquals(
        "STANDALONE_BAD_ARGUMENTS",
        code("--node", "http://h:1", "--chain-id", "ab".repeat(32), "--chain-id", "ab".repeat(32)));
  }
}
