#!/usr/bin/env bash
# A small local etcd cluster to try the etcd backend: N members (3 by default) on 127.0.0.1, each its
# own etcd process (Debian: apt-get install etcd-server), data under DIR (./etcd-cluster by default).
#
#   etcd-cluster.sh start [N]    start N members (client ports 2379, 2381, 2383...; peers 2380, 2382...)
#   etcd-cluster.sh stop         stop them (by the PIDs recorded at start)
#   etcd-cluster.sh kill I       kill member I with SIGKILL, as a crash would
#   etcd-cluster.sh restart I    start member I again on its data; it rejoins
#   etcd-cluster.sh endpoints    print the endpoints, as the backend's endpoints option takes them
#
# Then: ./floe serve --backend etcd --backend-option endpoints=$(etcd-cluster.sh endpoints)
set -euo pipefail
DIR="${ETCD_CLUSTER_DIR:-./etcd-cluster}"
cmd="${1:-}"
size() { cat "$DIR/size" 2>/dev/null || echo 3; }
client_port() { echo $((2379 + 2 * $1)); }
peer_port() { echo $((2380 + 2 * $1)); }
initial_cluster() {
  local n="$1" out="" i
  for ((i = 0; i < n; i++)); do out+="${out:+,}m$i=http://127.0.0.1:$(peer_port "$i")"; done
  echo "$out"
}
start_member() {
  local i="$1" state="$2" n
  n="$(size)"
  mkdir -p "$DIR/m$i"
  # FloeDB's transactions need more operations and bytes than etcd's defaults (128 and 1.5 MiB).
  nohup etcd --name "m$i" --data-dir "$DIR/m$i/data" \
    --listen-client-urls "http://127.0.0.1:$(client_port "$i")" \
    --advertise-client-urls "http://127.0.0.1:$(client_port "$i")" \
    --listen-peer-urls "http://127.0.0.1:$(peer_port "$i")" \
    --initial-advertise-peer-urls "http://127.0.0.1:$(peer_port "$i")" \
    --initial-cluster "$(initial_cluster "$n")" --initial-cluster-token floe-local \
    --initial-cluster-state "$state" \
    --max-txn-ops 10000 --max-request-bytes 33554432 --quota-backend-bytes 8589934592 \
    --auto-compaction-mode periodic --auto-compaction-retention 1h \
    --logger zap --log-level warn >"$DIR/m$i.log" 2>&1 &
  echo $! >"$DIR/m$i.pid"
  echo "member m$i: pid $!, client http://127.0.0.1:$(client_port "$i"), log $DIR/m$i.log"
}
case "$cmd" in
  start)
    n="${2:-3}"
    mkdir -p "$DIR"
    echo "$n" >"$DIR/size"
    for ((i = 0; i < n; i++)); do start_member "$i" new; done
    ;;
  stop)
    for f in "$DIR"/m*.pid; do
      [ -f "$f" ] || continue
      kill "$(cat "$f")" 2>/dev/null || true
      rm -f "$f"
    done
    echo "stopped"
    ;;
  kill)
    kill -9 "$(cat "$DIR/m$2.pid")"
    rm -f "$DIR/m$2.pid"
    echo "killed member m$2"
    ;;
  restart)
    start_member "$2" existing
    ;;
  endpoints)
    n="$(size)" out=""
    for ((i = 0; i < n; i++)); do out+="${out:+,}http://127.0.0.1:$(client_port "$i")"; done
    echo "$out"
    ;;
  *)
    sed -n '2,12p' "$0"
    exit 2
    ;;
esac
