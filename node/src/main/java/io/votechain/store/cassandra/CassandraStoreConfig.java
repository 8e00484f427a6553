package io.votechain.store.cassandra;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where and how the Cassandra store writes. One keyspace per validator, and in production one
 * Cassandra cluster per validator organisation: a cluster shared by validators would be a single
 * trust domain. Consistency levels default to QUORUM, which with {@code replicationFactor} 3
 * survives the loss of one replica without losing an acknowledged commit (docs/storage.md).
 */
public record CassandraStoreConfig(
    List<InetSocketAddress> contactPoints,
    String localDatacenter,
    String keyspace,
    int replicationFactor,
    String writeConsistency,
    String readConsistency) {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  public CassandraStoreConfig {
    contactPoints = List.copyOf(contactPoints);
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("at least one contact point");
    }
    if (!IDENTIFIER.matcher(keyspace).matches()) {
      // The keyspace name is spliced into CQL: allow only a plain identifier.
      throw new IllegalArgumentException("keyspace must match " + IDENTIFIER.pattern());
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1");
    }
  }

  public static CassandraStoreConfig local(int port, String keyspace) {
    return new CassandraStoreConfig(
        List.of(new InetSocketAddress("127.0.0.1", port)),
        "datacenter1",
        keyspace,
        1,
        "QUORUM",
        "QUORUM");
  }
}
