#!/usr/bin/env bash
# Global tables: two FloeDB servers on 127.0.0.1 (LMDB, durable, the replication plugin, each
# the other's peer), then ReplicationLoad: PutItem throughput on a table with one replica in
# the other server against a plain table, in alternating rounds, and the replication lag p50 /
# p99 at a steady write rate. See benchmarks/README.md, "Global tables".
#
#   benchmarks/replication/run.sh [ReplicationLoad options: --rounds 3 --seconds 8 --warmup 10
#                                  --threads 4 --rate 200 --lag-seconds 15]
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests).
# SERVER_JAVA_OPTS adds JVM options to both servers, A_JAVA_OPTS to the writers' server only
# (e.g. -XX:StartFlightRecording=filename=a.jfr). PIN=1 runs the replica's server on the last CPU
# and the writers' server and the load client on the others (taskset), as if the replica had a
# machine of its own; without it all three share every CPU.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f "$jar" ]; then
  echo "no $jar: build it first (see benchmarks/README.md)" >&2
  exit 2
fi
tmp="$(mktemp -d -t floe-repl-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  "$java" -cp "$jar" floe.benchmarks.replication.FreePort
}
a_region=us-east-1
b_region=us-west-2
a_port="$(free_port)"
b_port="$(free_port)"
while [ "$b_port" = "$a_port" ]; do b_port="$(free_port)"; done

cpus="$(nproc)"
pin_a=()
pin_b=()
if [ "${PIN:-0}" = 1 ] && [ "$cpus" -ge 2 ]; then
  pin_a=(taskset -c "0-$((cpus - 2))")
  pin_b=(taskset -c "$((cpus - 1))")
fi
start() { # start REGION PORT PEER_REGION PEER_PORT PIN... -- JAVA_OPTS...
  local region="$1" port="$2" peer="$3" peer_port="$4"
  shift 4
  local pin=()
  while [ "$1" != -- ]; do pin+=("$1"); shift; done
  shift
  "${pin[@]}" "$java" -Xmx512m ${SERVER_JAVA_OPTS:-} "$@" --enable-native-access=ALL-UNNAMED -cp "$jar" \
    floe.benchmarks.replication.ReplicaServer "$region" "$port" "$tmp/$region" "$peer=http://127.0.0.1:$peer_port" \
    > "$tmp/$region.log" 2>&1 &
  pids+=("$!")
}
# shellcheck disable=SC2086 # A_JAVA_OPTS is a list of options
start "$a_region" "$a_port" "$b_region" "$b_port" "${pin_a[@]}" -- ${A_JAVA_OPTS:-}
start "$b_region" "$b_port" "$a_region" "$a_port" "${pin_b[@]}" --
for r in "$a_region" "$b_region"; do
  for _ in $(seq 1 300); do
    grep -q '^ready' "$tmp/$r.log" 2>/dev/null && break
    sleep 0.1
  done
  grep -q '^ready' "$tmp/$r.log" || { echo "the server of $r did not start:" >&2; cat "$tmp/$r.log" >&2; exit 1; }
done
echo "== $(nproc) CPUs, $(uname -sr), $("$java" -version 2>&1 | head -1)"
echo "== servers: $a_region on $a_port, $b_region on $b_port (LMDB, durable)${pin_b[*]:+; replica pinned: ${pin_b[*]}}"
"${pin_a[@]}" "$java" -cp "$jar" floe.benchmarks.replication.ReplicationLoad \
  --a "http://127.0.0.1:$a_port" --a-region "$a_region" --b "http://127.0.0.1:$b_port" --b-region "$b_region" "$@"
