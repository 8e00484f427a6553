package io.votechain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
  private static final long MIB = 1024L * 1024;

  @TempDir Path dir;

  private NodeConfig load(JsonObject json) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json.encode());
    return NodeConfig.load(file, Map.of());
  }

  @Test
  void rocksDbKeepsItsDefaultLimitsUnlessTheFileSetsThem() throws IOException {
    assertEquals(RocksDbLedgerStore.DEFAULT_LIMITS, load(new JsonObject()).rocksdb());

    NodeConfig larger =
        load(new JsonObject().put("rocksdb", new JsonObject().put("cacheMiB", 1024)));
    assertEquals(
        new RocksDbLedgerStore.Limits(
            RocksDbLedgerStore.DEFAULT_LIMITS.maxTotalWalBytes(),
            1024 * MIB,
            RocksDbLedgerStore.DEFAULT_LIMITS.writeBufferBytes()),
        larger.rocksdb());

    // Written back as it was read, and not taken for an extension's section.
    NodeConfig again = load(larger.toJson());
    assertEquals(larger.rocksdb(), again.rocksdb());
    assertTrue(again.sections().isEmpty(), again.sections().encode());
  }

  @Test
  void limitsThatCannotWorkAreRefusedWithTheirNames() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                load(
                    new JsonObject()
                        .put(
                            "rocksdb",
                            new JsonObject().put("cacheMiB", 64).put("writeBuffersMiB", 128))));
    assertTrue(e.getMessage().contains("cacheMiB 64"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> load(new JsonObject().put("rocksdb", new JsonObject().put("maxLogMiB", 0))));
  }
}
