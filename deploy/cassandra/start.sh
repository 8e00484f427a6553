#!/usr/bin/env bash
# Starts a one-node Apache Cassandra 5.0 server from the Maven artifact cassandra-all, on Java 17,
# with no Docker and no installation: for tests and for a one-machine trial of the Cassandra store.
#
# Usage: deploy/cassandra/start.sh DATA_DIR [CQL_PORT] [STORAGE_PORT] [JMX_PORT]
# Runs in the foreground (exec); stop it with SIGTERM. CQL listens on 127.0.0.1:CQL_PORT
# (default 9042); the driver's local datacenter is "datacenter1".
#
# Durability: commitlog_sync is "batch" here, so an acknowledged write is on disk
# (docs/storage.md explains why the periodic default is not acceptable for a ledger).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${1:?usage: start.sh DATA_DIR [CQL_PORT] [STORAGE_PORT] [JMX_PORT]}
cql_port=${2:-9042}
storage_port=${3:-7000}
jmx_port=${4:-7199}
heap=${CASSANDRA_HEAP:-1G}
# Tests set CASSANDRA_UNSAFE_SYSTEM=true: schema changes then skip their fsync (seconds per test).
# Never for data you keep.
unsafe_system=${CASSANDRA_UNSAFE_SYSTEM:-false}

mkdir -p "$data"
data=$(cd "$data" && pwd)
classpath_file="$here/target/cassandra.classpath"
if [ ! -s "$classpath_file" ]; then
  mkdir -p "$here/target"
  mvn -B -q -ntp -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath_file" >&2
fi

cat > "$data/cassandra.yaml" <<YAML
cluster_name: votechain
num_tokens: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
commitlog_sync: batch
commitlog_directory: $data/commitlog
data_file_directories:
  - $data/data
saved_caches_directory: $data/saved_caches
hints_directory: $data/hints
cdc_raw_directory: $data/cdc_raw
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:$storage_port"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: $storage_port
native_transport_port: $cql_port
start_native_transport: true
endpoint_snitch: SimpleSnitch
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
# A block's redo record is written in chunks of at most 512 KiB, well below these limits.
batch_size_warn_threshold: 64KiB
batch_size_fail_threshold: 1024KiB
YAML

# The module options of Cassandra's own conf/jvm17-server.options.
jvm_opts=(
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
  --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
  --add-exports java.sql/java.sql=ALL-UNNAMED
  --add-exports java.base/java.lang.ref=ALL-UNNAMED
  --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
  --add-opens java.base/java.lang.module=ALL-UNNAMED
  --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
  --add-opens java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
  --add-opens java.base/jdk.internal.math=ALL-UNNAMED
  --add-opens java.base/jdk.internal.module=ALL-UNNAMED
  --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.base/java.io=ALL-UNNAMED
  --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.math=ALL-UNNAMED
  --add-opens java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens java.base/java.net=ALL-UNNAMED
)

exec java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
  "${jvm_opts[@]}" \
  -Dcassandra.config="file://$data/cassandra.yaml" \
  -Dcassandra-foreground=yes \
  -Dcassandra.storagedir="$data" \
  -Dcassandra.jmx.local.port="$jmx_port" \
  -Dcassandra.skip_wait_for_gossip_to_settle=0 \
  -Dcassandra.ring_delay_ms=100 \
  -Dcassandra.unsafesystem="$unsafe_system" \
  -Dlogback.configurationFile="$here/logback.xml" \
  -cp "$(cat "$classpath_file")" \
  org.apache.cassandra.service.CassandraDaemon
