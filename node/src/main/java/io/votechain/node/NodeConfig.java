package io.votechain.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.votechain.store.cassandra.CassandraStoreConfig;
import io.votechain.store.rocksdb.RocksDbLedgerStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validator's configuration (docs/node.md §2): a JSON file, with environment variables overriding
 * single settings for containers and scripts. Paths in the file are relative to the file's folder.
 *
 * @param validatorIndex this validator's position in the genesis
 * @param dataDir where the store, the safety state and logs live
 * @param genesisFile the chain's genesis (JSON)
 * @param keyFile this validator's Ed25519 key (JSON, readable by its owner only)
 * @param httpHost address of the HTTP API, health and metrics
 * @param httpPort its port (0 picks a free one)
 * @param httpIdleTimeoutSeconds a connection that neither sends nor receives for this long is
 *     closed, so that idle keep-alive connections (a load client's pool, a browser, an attacker
 *     opening sockets) cannot pile up; event streams stay, sending a comment more often
 * @param store "rocksdb" (default) or "cassandra"
 * @param rocksdb what RocksDB may hold when {@code store} is "rocksdb": its write-ahead log, and
 *     the native memory of its shared cache and memtables (docs/storage.md §2)
 * @param cassandra the Cassandra settings when {@code store} is "cassandra", else null
 * @param sections the file's sections for node extensions ({@link NodeExtension}), e.g. {@code
 *     "mqtt"} or {@code "web"}, as written; each extension validates its own
 */
public record NodeConfig(
    int validatorIndex,
    Path dataDir,
    Path genesisFile,
    Path keyFile,
    String httpHost,
    int httpPort,
    int httpIdleTimeoutSeconds,
    String store,
    RocksDbLedgerStore.Limits rocksdb,
    CassandraStoreConfig cassandra,
    JsonObject sections) {
  /**
   * The HTTP server's idle timeout unless configured: longer than the 60 s for which Vert.x's
   * clients (the standalone web UI's) keep an idle connection, so that the client, not the server,
   * ends it and no request is sent on a connection the server is closing.
   */
  public static final int DEFAULT_HTTP_IDLE_TIMEOUT_SECONDS = 120;

  /** Sections the node itself reads; every other top-level object belongs to an extension. */
  private static final List<String> CORE_KEYS =
      List.of(
          "validatorIndex",
          "dataDir",
          "genesisFile",
          "keyFile",
          "http",
          "store",
          "rocksdb",
          "cassandra");

  private static final long MIB = 1024L * 1024;

  public NodeConfig(
      int validatorIndex,
      Path dataDir,
      Path genesisFile,
      Path keyFile,
      String httpHost,
      int httpPort,
      String store,
      CassandraStoreConfig cassandra) {
    this(
        validatorIndex,
        dataDir,
        genesisFile,
        keyFile,
        httpHost,
        httpPort,
        DEFAULT_HTTP_IDLE_TIMEOUT_SECONDS,
        store,
        RocksDbLedgerStore.DEFAULT_LIMITS,
        cassandra,
        new JsonObject());
  }

  public NodeConfig {
    sections = sections == null ? new JsonObject() : sections.copy();
    java.util.Objects.requireNonNull(rocksdb, "rocksdb");
    if (!store.equals("rocksdb") && !store.equals("cassandra")) {
      throw new IllegalArgumentException("store must be rocksdb or cassandra, not " + store);
    }
    if (store.equals("cassandra") && cassandra == null) {
      throw new IllegalArgumentException("store cassandra needs a cassandra section");
    }
    if (httpIdleTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "http.idleTimeoutSeconds must be positive, not " + httpIdleTimeoutSeconds);
    }
  }

  /** Reads {@code file}, then applies overrides from {@code env} (VOTECHAIN_* variables). */
  public static NodeConfig load(Path file, Map<String, String> env) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    Path base = file.toAbsolutePath().getParent();
    JsonObject http = json.getJsonObject("http", new JsonObject());
    JsonObject cassandra = json.getJsonObject("cassandra");
    String store = env.getOrDefault("VOTECHAIN_STORE", json.getString("store", "rocksdb"));
    CassandraStoreConfig cassandraConfig = null;
    if (cassandra != null || store.equals("cassandra")) {
      JsonObject c = cassandra == null ? new JsonObject() : cassandra;
      String points =
          env.getOrDefault(
              "VOTECHAIN_CASSANDRA_CONTACT_POINTS",
              String.join(
                  ",",
                  c.getJsonArray("contactPoints", new JsonArray().add("127.0.0.1:9042")).stream()
                      .map(String.class::cast)
                      .toList()));
      List<InetSocketAddress> contactPoints = new ArrayList<>();
      for (String p : points.split(",")) {
        int colon = p.lastIndexOf(':');
        contactPoints.add(
            new InetSocketAddress(
                p.substring(0, colon).trim(), Integer.parseInt(p.substring(colon + 1).trim())));
      }
      cassandraConfig =
          new CassandraStoreConfig(
              contactPoints,
              c.getString("localDatacenter", "datacenter1"),
              env.getOrDefault(
                  "VOTECHAIN_CASSANDRA_KEYSPACE",
                  c.getString("keyspace", "validator" + json.getInteger("validatorIndex", 0))),
              c.getInteger("replicationFactor", 1),
              c.getString("writeConsistency", "QUORUM"),
              c.getString("readConsistency", "QUORUM"));
    }
    return new NodeConfig(
        Integer.parseInt(
            env.getOrDefault(
                "VOTECHAIN_VALIDATOR_INDEX",
                Integer.toString(json.getInteger("validatorIndex", 0)))),
        base.resolve(env.getOrDefault("VOTECHAIN_DATA_DIR", json.getString("dataDir", "data"))),
        base.resolve(json.getString("genesisFile", "genesis.json")),
        base.resolve(json.getString("keyFile", "validator-key.json")),
        env.getOrDefault("VOTECHAIN_HTTP_HOST", http.getString("host", "127.0.0.1")),
        Integer.parseInt(
            env.getOrDefault(
                "VOTECHAIN_HTTP_PORT", Integer.toString(http.getInteger("port", 8080)))),
        http.getInteger("idleTimeoutSeconds", DEFAULT_HTTP_IDLE_TIMEOUT_SECONDS),
        store,
        rocksDbLimits(json.getJsonObject("rocksdb", new JsonObject())),
        cassandraConfig,
        extensionSections(json));
  }

  /**
   * The {@code rocksdb} section: {@code maxLogMiB}, {@code cacheMiB} and {@code writeBuffersMiB},
   * each defaulting to {@link RocksDbLedgerStore#DEFAULT_LIMITS}; a validator with memory to spare
   * gives its cache more, one squeezed gives it less (docs/storage.md §2).
   */
  private static RocksDbLedgerStore.Limits rocksDbLimits(JsonObject r) {
    RocksDbLedgerStore.Limits d = RocksDbLedgerStore.DEFAULT_LIMITS;
    long log = r.getLong("maxLogMiB", d.maxTotalWalBytes() / MIB);
    long cache = r.getLong("cacheMiB", d.cacheBytes() / MIB);
    long buffers = r.getLong("writeBuffersMiB", d.writeBufferBytes() / MIB);
    if (log < 1 || buffers < 1 || cache < buffers) {
      throw new IllegalArgumentException(
          "rocksdb: maxLogMiB and writeBuffersMiB must be positive and cacheMiB at least"
              + " writeBuffersMiB (the memtables are charged to the cache), not maxLogMiB "
              + log
              + ", cacheMiB "
              + cache
              + ", writeBuffersMiB "
              + buffers);
    }
    return new RocksDbLedgerStore.Limits(log * MIB, cache * MIB, buffers * MIB);
  }

  /** The settings of extension {@code name} (empty when the file has none). */
  public JsonObject section(String name) {
    return sections.getJsonObject(name, new JsonObject()).copy();
  }

  /** A copy of this configuration with extension {@code name}'s section replaced. */
  public NodeConfig withSection(String name, JsonObject section) {
    JsonObject copy = sections.copy().put(name, section.copy());
    return new NodeConfig(
        validatorIndex,
        dataDir,
        genesisFile,
        keyFile,
        httpHost,
        httpPort,
        httpIdleTimeoutSeconds,
        store,
        rocksdb,
        cassandra,
        copy);
  }

  private static JsonObject extensionSections(JsonObject json) {
    JsonObject sections = new JsonObject();
    for (String key : new java.util.TreeSet<>(json.fieldNames())) {
      if (!CORE_KEYS.contains(key) && json.getValue(key) instanceof JsonObject section) {
        sections.put(key, section.copy());
      }
    }
    return sections;
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("validatorIndex", validatorIndex)
            .put("dataDir", dataDir.toString())
            .put("genesisFile", genesisFile.toString())
            .put("keyFile", keyFile.toString())
            .put(
                "http",
                new JsonObject()
                    .put("host", httpHost)
                    .put("port", httpPort)
                    .put("idleTimeoutSeconds", httpIdleTimeoutSeconds))
            .put("store", store)
            .put(
                "rocksdb",
                new JsonObject()
                    .put("maxLogMiB", rocksdb.maxTotalWalBytes() / MIB)
                    .put("cacheMiB", rocksdb.cacheBytes() / MIB)
                    .put("writeBuffersMiB", rocksdb.writeBufferBytes() / MIB));
    for (String key : new java.util.TreeSet<>(sections.fieldNames())) {
      json.put(key, sections.getJsonObject(key).copy());
    }
    if (cassandra != null) {
      JsonArray points = new JsonArray();
      cassandra.contactPoints().forEach(a -> points.add(a.getHostString() + ":" + a.getPort()));
      json.put(
          "cassandra",
          new JsonObject()
              .put("contactPoints", points)
              .put("localDatacenter", cassandra.localDatacenter())
              .put("keyspace", cassandra.keyspace())
              .put("replicationFactor", cassandra.replicationFactor())
              .put("writeConsistency", cassandra.writeConsistency())
              .put("readConsistency", cassandra.readConsistency()));
    }
    return json;
  }
}
