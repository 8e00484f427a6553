#!/usr/bin/env bash
# Starts votechain on this machine: a local network of 4 validators on loopback, each its own
# process with embedded RocksDB storage, HTTP API, health and metrics. Ctrl-C stops it; the data
# stays in .votechain/dev so the next start resumes the same chain.
#
#   deploy/run-local.sh          build if needed, then run the network in the foreground
#   deploy/run-local.sh reset    delete the local network's data (a new chain next time)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.votechain/dev

case "${1:-run}" in
  reset)
    rm -rf "$dir"
    echo "removed $dir"
    exit 0
    ;;
  run) ;;
  *)
    echo "usage: deploy/run-local.sh [run|reset]" >&2
    exit 2
    ;;
esac

command -v mvn >/dev/null 2>&1 || { echo "needs Maven and Java 17 (deploy/test.sh installs them)" >&2; exit 1; }
echo "building (first run downloads dependencies)..."
mvn -B -q -ntp install -DskipTests -Dspotless.check.skip=true
mvn -B -q -ntp -pl node dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Dfile.encoding=UTF-8 -cp "node/target/classes:$(cat node/target/classpath.txt)" \
  io.votechain.node.cli.Votechain dev --dir "$dir"
