#!/usr/bin/env bash
# Runs votechain on this machine: 4 validators on loopback (each its own process with its HTTP API,
# web UI and MQTT endpoint), then a demo election on them, and leaves the network running.
#
#   deploy/run-local.sh [--cassandra] [run]   build if needed, start the network in the background,
#                                             run the demo (key ceremony, election, 20 polling-station
#                                             devices voting over MQTT), print the addresses
#   deploy/run-local.sh tally                 close the demo election (after its window), tally, certify
#   deploy/run-local.sh stop                  stop the network (and Cassandra, if this script started it)
#   deploy/run-local.sh reset                 stop, then delete the network's data (a new chain next time)
#
# Data lives in .votechain/dev (or .votechain/dev-cassandra with --cassandra); logs beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

store=rocksdb
action=run
for arg in "$@"; do
  case "$arg" in
    --cassandra) store=cassandra ;;
    run|tally|stop|reset) action=$arg ;;
    *)
      echo "usage: deploy/run-local.sh [--cassandra] [run|tally|stop|reset]" >&2
      exit 2
      ;;
  esac
done
dir=.votechain/dev
[ "$store" = cassandra ] && dir=.votechain/dev-cassandra
mkdir -p "$dir"

stop_pidfile() {
  local f=$1
  if [ -f "$f" ]; then
    local pid
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      # votechain dev waits for its validators to stop cleanly (up to 30 s) before it ends.
      for _ in $(seq 1 175); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  fi
}

stop_all() {
  for d in .votechain/dev .votechain/dev-cassandra; do
    stop_pidfile "$d/network.pid"
    stop_pidfile "$d/cassandra.pid"
  done
}

case "$action" in
  stop)
    stop_all
    echo "stopped"
    exit 0
    ;;
  reset)
    stop_all
    rm -rf .votechain/dev .votechain/dev-cassandra
    echo "removed .votechain/dev and .votechain/dev-cassandra"
    exit 0
    ;;
esac

command -v mvn >/dev/null 2>&1 || { echo "needs Maven and Java 17 (deploy/test.sh installs them)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "needs Node.js and npm for the web UI's browser code (apt-get install nodejs npm)" >&2; exit 1; }

classpath() { # module -> runtime classpath (its classes first)
  local m=$1
  if [ ! -s "$m/target/classpath.txt" ] || [ "$m/pom.xml" -nt "$m/target/classpath.txt" ]; then
    # Maven's output goes to stderr: this function's stdout is the classpath (on a fresh clone Maven
    # printed colour codes into it, and the fleet simulator's main class was not found).
    mvn -B -q -ntp -o -Dstyle.color=never -pl "$m" dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
  fi
  echo "$root/$m/target/classes:$(cat "$m/target/classpath.txt")"
}

if [ "$action" = run ] || [ ! -s web-ui/target/classpath.txt ]; then
  echo "building (the first run downloads dependencies; a few minutes)..."
  mvn -B -q -ntp install -DskipTests -Dspotless.check.skip=true
fi
# The web UI module's classpath holds the node, the contracts and the web UI, which the node finds
# and mounts as an extension.
node_cp=$(classpath web-ui)
agent_cp=$(classpath device-agent)
votechain() { java -Dfile.encoding=UTF-8 -cp "$node_cp" io.votechain.node.cli.Votechain "$@"; }

if [ "$action" = tally ]; then
  votechain demo tally --dir "$dir"
  exit 0
fi

if [ -f "$dir/network.pid" ] && kill -0 "$(cat "$dir/network.pid")" 2>/dev/null; then
  echo "the network is already running (deploy/run-local.sh stop stops it)"
  exit 0
fi

if [ "$store" = cassandra ]; then
  if ! (exec 3<>/dev/tcp/127.0.0.1/9042) 2>/dev/null; then
    echo "starting Cassandra 5.0 (log $dir/cassandra.log)..."
    nohup deploy/cassandra/start.sh "$dir/cassandra" >"$dir/cassandra.log" 2>&1 &
    echo $! >"$dir/cassandra.pid"
    for _ in $(seq 1 180); do
      (exec 3<>/dev/tcp/127.0.0.1/9042) 2>/dev/null && break
      sleep 1
    done
    (exec 3<>/dev/tcp/127.0.0.1/9042) 2>/dev/null || { echo "Cassandra did not start; see $dir/cassandra.log" >&2; exit 1; }
  fi
fi

echo "starting 4 validators (log $dir/network.log)..."
nohup java -Dfile.encoding=UTF-8 -cp "$node_cp" io.votechain.node.cli.Votechain dev --dir "$dir" --store "$store" \
  >"$dir/network.log" 2>&1 &
echo $! >"$dir/network.pid"

ports=()
for _ in $(seq 1 60); do
  [ -f "$dir/validator-3/config.json" ] && break
  sleep 1
done
for i in 0 1 2 3; do
  ports+=("$(sed -n 's/.*"port" : \([0-9]*\).*/\1/p' "$dir/validator-$i/config.json" | head -n1)")
done
for _ in $(seq 1 120); do
  ready=0
  for p in "${ports[@]}"; do
    curl -fs "http://127.0.0.1:$p/ready" >/dev/null 2>&1 && ready=$((ready + 1))
  done
  [ "$ready" -eq 4 ] && break
  sleep 1
done
[ "$ready" -eq 4 ] || { echo "the validators did not become ready; see $dir/network.log" >&2; exit 1; }

votechain demo setup --dir "$dir"

if [ -x device-agent/target/classes ] || [ -d device-agent/target/classes ]; then
  echo "20 polling-station devices vote over MQTT..."
  java -Dfile.encoding=UTF-8 -cp "$agent_cp" io.votechain.agent.cli.DeviceAgentCli simulate \
    --network "$dir" --election riverton-2027 --devices 20 --ballots 200 --rate 20 \
    || echo "(the fleet simulator failed; the network keeps running)"
fi

cat <<TEXT

votechain is running ($store store):
$(sed -n 's/^validator/  validator/p' "$dir/network.log")

  web UI:        http://127.0.0.1:${ports[0]}/   (vote with a code from $dir/demo/voter-credentials.json)
  officials:     keys in $dir/officials/, trustees in $dir/demo/trustees/
  tally:         deploy/run-local.sh tally   (after the election's window closes)
  stop / reset:  deploy/run-local.sh stop | reset
TEXT
