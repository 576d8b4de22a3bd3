#!/usr/bin/env bash
# FloeDB server load benchmark: FloeDB (durable LMDB and in memory) against dynalite, an
# open-source DynamoDB emulator, and against a do-nothing Netty server (the machine's HTTP
# ceiling), measured with wrk, in one run.
# See benchmarks/README.md, "Server load benchmark", for what each figure means.
#
#   benchmarks/load/run.sh [--quick | --full] [options]
#
# Every option also reads from the environment variable named in brackets; a flag
# wins over the environment, the environment over the preset.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/benchmarks/load"

usage() {
  cat <<'EOF'
Usage: benchmarks/load/run.sh [--quick | --full] [options]

Presets (default: 10 s measurements, 2 rounds, 100k items: about 12 minutes):
  --quick                 3 s measurements, 2 rounds, 20k items: about 5 minutes
  --full                  30 s measurements, 3 rounds, 100k items: about 35 minutes

Throughput (wrk, closed loop):
  --servers LIST          [SERVERS]      floe,floe-memory,dynalite,ceiling
  --ops LIST              [OPS]          get,put,query,batch
  --rounds N              [ROUNDS]       rounds; each round measures every server in turn (A B C A B C)
  --initial-warmup S      [INITIAL_WARMUP] seconds of wrk per operation right after a server is loaded (JIT)
  --warmup S              [WARMUP]       seconds of wrk before each measurement, not counted
  --duration S            [DURATION]     seconds of each measurement
  --connections N         [CONNECTIONS]  wrk connections (default 32)
  --threads N             [THREADS]      wrk threads (default 1)
  --items N               [ITEMS]        items preloaded in each table (default 100000)

Latency at a fixed rate (FloeDB at half its own wrk peak; the ceiling, and floe-base if served, at the same rate):
  --fixed-rate-seconds S  [FIXED_RATE_SECONDS]  0 skips it
  --fixed-rate-warmup S   [FIXED_RATE_WARMUP]
  --fixed-rate-connections N [FIXED_RATE_CONNECTIONS] (default 64; a request waits for a free one)

Latency through the AWS SDK for Java v2 (closed loop, every server):
  --sdk-seconds S         [SDK_SECONDS]  0 skips it
  --sdk-warmup S          [SDK_WARMUP]   seconds per operation, all before the measurements
  --sdk-threads N         [SDK_THREADS]  (default 4)

Start and memory (FloeDB):
  --starts N              [STARTS]       warm starts of ./floe serve timed (median reported); 0 skips it;
                                         with BASE_HOME, each alternates with a start of the base home

Other:
  --no-build              [BUILD=0]      use what is built (benchmarks.jar, the server, dynalite's node_modules/)
  --out DIR               [OUT]          keep raw results and server logs in DIR
  [MVN]                   the Maven command (default: ./mvnw -B -q)
  [SERVER_JAVA_OPTS]      JVM options of the ceiling (default: -Xms1g -Xmx1g)
  [FLOE_EXTRA_JAVA_OPTS]  JVM options for FloeDB on top of its defaults (conf/jvm.options), a profiler say
  [DATA_DIR]              parent directory of FloeDB's LMDB store (default: a temporary directory)
  [BASE_HOME]             a FloeDB home built from another commit (server/target/floe-home, copied):
                          add the servers floe-base and floe-memory-base to compare before and after
EOF
}

preset=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) preset=quick ;;
    --full) preset=full ;;
    --servers) SERVERS="$2"; shift ;;
    --ops) OPS="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --initial-warmup) INITIAL_WARMUP="$2"; shift ;;
    --duration) DURATION="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --items) ITEMS="$2"; shift ;;
    --fixed-rate-seconds) FIXED_RATE_SECONDS="$2"; shift ;;
    --fixed-rate-warmup) FIXED_RATE_WARMUP="$2"; shift ;;
    --fixed-rate-connections) FIXED_RATE_CONNECTIONS="$2"; shift ;;
    --sdk-seconds) SDK_SECONDS="$2"; shift ;;
    --sdk-warmup) SDK_WARMUP="$2"; shift ;;
    --sdk-threads) SDK_THREADS="$2"; shift ;;
    --starts) STARTS="$2"; shift ;;
    --no-build) BUILD=0 ;;
    --out) OUT="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

case "$preset" in
  quick)
    : "${ROUNDS:=2}" "${INITIAL_WARMUP:=5}" "${WARMUP:=2}" "${DURATION:=3}" "${ITEMS:=20000}"
    : "${FIXED_RATE_SECONDS:=5}" "${FIXED_RATE_WARMUP:=2}" "${SDK_SECONDS:=3}" "${SDK_WARMUP:=3}" ;;
  full)
    : "${ROUNDS:=3}" "${INITIAL_WARMUP:=20}" "${WARMUP:=10}" "${DURATION:=30}"
    : "${FIXED_RATE_SECONDS:=30}" "${FIXED_RATE_WARMUP:=10}" "${SDK_SECONDS:=20}" "${SDK_WARMUP:=10}" ;;
esac
: "${SERVERS:=floe,floe-memory,dynalite,ceiling}" "${OPS:=get,put,query,batch}"
: "${ROUNDS:=2}" "${INITIAL_WARMUP:=10}" "${WARMUP:=5}" "${DURATION:=10}" "${CONNECTIONS:=32}" "${THREADS:=1}" "${ITEMS:=100000}"
: "${FIXED_RATE_SECONDS:=10}" "${FIXED_RATE_WARMUP:=5}" "${FIXED_RATE_CONNECTIONS:=64}"
: "${SDK_SECONDS:=10}" "${SDK_WARMUP:=5}" "${SDK_THREADS:=4}"
: "${STARTS:=5}"
: "${BUILD:=1}" "${MVN:=./mvnw -B -q}" "${SERVER_JAVA_OPTS:=-Xms1g -Xmx1g}" "${FLOE_EXTRA_JAVA_OPTS:=}"
IFS=, read -r -a servers <<<"$SERVERS"
IFS=, read -r -a ops <<<"$OPS"

has_server() { [[ ",$SERVERS," == *",$1,"* ]]; }

command -v wrk >/dev/null || { echo "run.sh: wrk is needed (Debian/Ubuntu: apt-get install wrk)" >&2; exit 1; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

jar="$root/benchmarks/target/benchmarks.jar"
dynalite_cli="$here/dynalite/node_modules/dynalite/cli.js"
if [ "$BUILD" = 1 ]; then
  echo "== building (benchmarks, server$(has_server dynalite && echo ', dynalite'))" >&2
  (cd "$root" && $MVN -Pbench -pl server,benchmarks -am package -DskipTests)
  if has_server dynalite; then
    command -v npm >/dev/null || { echo "run.sh: npm is needed for dynalite (Debian/Ubuntu: apt-get install npm)" >&2; exit 1; }
    # The versions package-lock.json pins; its in-memory store needs no native build.
    (cd "$here/dynalite" && npm ci --no-audit --no-fund --ignore-scripts >&2)
  fi
fi
[ -f "$jar" ] || { echo "run.sh: $jar is missing; run without --no-build" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/floe-load.XXXXXX")"
declare -A pid port
cleanup() {
  local s p
  for s in "${!pid[@]}"; do
    p="${pid[$s]}"
    kill -TERM "$p" 2>/dev/null || continue
    for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  if [ -n "${OUT:-}" ]; then
    mkdir -p "$OUT" && cp "$tmp"/*.tsv "$tmp"/*.log "$OUT"/ 2>/dev/null || true
  fi
  rm -rf "$tmp"
  if [ -n "${data_parent:-}" ]; then rm -rf "$data_parent"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}

# Waits until the server's port accepts connections.
await_port() {
  local name="$1" deadline=$((SECONDS + 120))
  until (exec 3<>"/dev/tcp/127.0.0.1/${port[$name]}") 2>/dev/null; do
    if ! kill -0 "${pid[$name]}" 2>/dev/null; then
      echo "run.sh: $name exited; its log:" >&2; cat "$tmp/$name.log" >&2; exit 1
    fi
    [ $SECONDS -lt $deadline ] || { echo "run.sh: $name did not start" >&2; exit 1; }
    sleep 0.2
  done
}

start_server() {
  local name="$1"
  port[$name]="$(free_port)"
  case "$name" in
    floe)
      data_parent="$(mktemp -d "${DATA_DIR:-${TMPDIR:-/tmp}}/floe-load-data.XXXXXX")"
      # The launcher execs the JVM, so $! is the server's own process.
      # FloeDB with its own default JVM options (conf/jvm.options): its memory is measured as shipped.
      FLOE_NO_BUILD=1 FLOE_JAVA_OPTS="$FLOE_EXTRA_JAVA_OPTS" \
        "$root/floe" serve --port "${port[$name]}" --data "$data_parent/data" --log-level warn \
        >"$tmp/$name.log" 2>&1 &
      ;;
    floe-memory)
      FLOE_NO_BUILD=1 FLOE_JAVA_OPTS="$FLOE_EXTRA_JAVA_OPTS" \
        "$root/floe" serve --port "${port[$name]}" --backend memory --log-level warn \
        >"$tmp/$name.log" 2>&1 &
      ;;
    floe-base | floe-memory-base)
      [ -f "${BASE_HOME:-}/lib/runtime/floe-server.jar" ] || { echo "run.sh: $name needs BASE_HOME, a FloeDB home" >&2; exit 2; }
      if [ "$name" = floe-base ]; then
        base_data="$(mktemp -d "${DATA_DIR:-${TMPDIR:-/tmp}}/floe-load-data.XXXXXX")/data"
        store=(--data "$base_data")
      else
        store=(--backend memory)
      fi
      FLOE_HOME="$BASE_HOME" FLOE_JAVA_OPTS="$FLOE_EXTRA_JAVA_OPTS" \
        "$root/floe" serve --port "${port[$name]}" "${store[@]}" --log-level warn >"$tmp/$name.log" 2>&1 &
      ;;
    dynalite)
      [ -f "$dynalite_cli" ] || { echo "run.sh: $dynalite_cli is missing; run without --no-build" >&2; exit 1; }
      # No --path: its in-memory store, its fastest mode. No delays for table changes.
      node "$dynalite_cli" --port "${port[$name]}" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 \
        >"$tmp/$name.log" 2>&1 &
      ;;
    ceiling)
      "$java" $SERVER_JAVA_OPTS -cp "$jar" floe.benchmarks.load.CeilingServer --port "${port[$name]}" \
        >"$tmp/$name.log" 2>&1 &
      ;;
    *) echo "run.sh: unknown server $name (floe, floe-memory, floe-base, floe-memory-base, dynalite, ceiling)" >&2; exit 2 ;;
  esac
  pid[$name]=$!
  await_port "$name"
}

label() {
  case "$1" in
    floe) echo FloeDB ;; floe-memory) echo "FloeDB memory" ;;
    floe-base) echo "FloeDB base" ;; floe-memory-base) echo "FloeDB mem base" ;; *) echo "$1" ;;
  esac
}

# utime + stime of a process, in clock ticks.
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
hz="$(getconf CLK_TCK)"
# Busy time of the whole machine (all CPUs), in clock ticks: server + wrk + anything else running.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# The CPU the servers not being measured use meanwhile (they stay up, idle, between their turns).
idle_ticks() {
  local s t=0
  for s in "${!pid[@]}"; do [ "$s" = "$1" ] || t=$((t + $(cpu_ticks "${pid[$s]}"))); done
  echo "$t"
}

# Context switches of a process, voluntary and not, summed over its threads (those alive now).
ctx_switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(voluntary|nonvoluntary)_ctxt_switches:/ { n += $2 } END { print n + 0 }'
}

# Resident memory of a process in MB: VmRSS (now) or VmHWM (the peak so far).
rss_mb() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
declare -A idle_rss

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<" $2"; }

run_wrk() { # server op seconds
  FLOE_BENCH_OP="$2" FLOE_BENCH_ITEMS="$ITEMS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --timeout 10s -s "$here/wrk/dynamodb.lua" \
    "http://127.0.0.1:${port[$1]}/" | grep '^FLOE_RESULT'
}

echo "== $(nproc) CPUs, $(uname -sr), $("$java" -version 2>&1 | head -1)" >&2
echo "== servers: $SERVERS; ops: $OPS; ${INITIAL_WARMUP}s initial warm-up per server and operation, then" \
     "$ROUNDS rounds of ${WARMUP}s warm-up + ${DURATION}s per server and operation; wrk -t$THREADS -c$CONNECTIONS;" \
     "$ITEMS items" >&2

for s in "${servers[@]}"; do
  echo "== starting $(label "$s")" >&2
  start_server "$s"
  if [ "$s" = floe ]; then
    echo "   LMDB store on $(stat -f -c %T "$data_parent") (sync on: an fsync per commit)" >&2
  fi
  if [ "$s" = floe ] || [ "$s" = floe-memory ]; then
    sleep 2
    idle_rss[$s]="$(rss_mb "${pid[$s]}" VmRSS)"
  fi
  if [ "$s" != ceiling ]; then
    "$java" -cp "$jar" floe.benchmarks.load.Loader --endpoint "http://127.0.0.1:${port[$s]}" --items "$ITEMS" \
      2> >(grep -v '^SLF4J' >&2)
  fi
  if [ "$INITIAL_WARMUP" != 0 ]; then
    for op in "${ops[@]}"; do run_wrk "$s" "$op" "$INITIAL_WARMUP" >/dev/null; done
  fi
done

results="$tmp/wrk.tsv"
: >"$results"
for round in $(seq 1 "$ROUNDS"); do
  for s in "${servers[@]}"; do
    for op in "${ops[@]}"; do
      if [ "$WARMUP" != 0 ]; then run_wrk "$s" "$op" "$WARMUP" >/dev/null; fi
      i0="$(idle_ticks "$s")"
      m0="$(machine_ticks)"
      c0="$(cpu_ticks "${pid[$s]}")"
      x0="$(ctx_switches "${pid[$s]}")"
      r="$(run_wrk "$s" "$op" "$DURATION")"
      x1="$(ctx_switches "${pid[$s]}")"
      c1="$(cpu_ticks "${pid[$s]}")"
      m1="$(machine_ticks)"
      i1="$(idle_ticks "$s")"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$s" "$op" "$(field requests "$r")" \
        "$(field duration_us "$r")" "$(field errors "$r")" "$(field p50_us "$r")" "$(field p99_us "$r")" \
        "$((c1 - c0))" "$((x1 - x0))" >>"$results"
      printf '   round %s %-15s %-6s %s cpu_ms=%d idle_servers_cpu_ms=%d machine_cpu_ms=%d\n' "$round" \
        "$(label "$s")" "$op" "${r#FLOE_RESULT }" "$(((c1 - c0) * 1000 / hz))" "$(((i1 - i0) * 1000 / hz))" \
        "$(((m1 - m0) * 1000 / hz))" >&2
    done
  done
done

declare -A load_rss peak_rss
for s in floe floe-memory; do
  has_server "$s" || continue
  load_rss[$s]="$(rss_mb "${pid[$s]}" VmRSS)"
  peak_rss[$s]="$(rss_mb "${pid[$s]}" VmHWM)"
done

# Per server and operation: throughput over all rounds, the median of the rounds' percentiles, CPU per request.
summary="$tmp/summary.tsv"
awk -F'\t' -v hz="$hz" '
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { k = $2 "\t" $3; req[k] += $4; dur[k] += $5; err[k] += $6; p50[k] = p50[k] " " $7; p99[k] = p99[k] " " $8
    cpu[k] += $9; cs[k] += $10; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
  END {
    for (i = 1; i <= n; i++) { k = order[i]
      printf "%s\t%.0f\t%.3f\t%.3f\t%.1f\t%.2f\t%d\t%.2f\n", k, req[k] / (dur[k] / 1e6), median(p50[k]) / 1000,
        median(p99[k]) / 1000, cpu[k] * 1e6 / hz / req[k], cpu[k] / hz / (dur[k] / 1e6), err[k], cs[k] / req[k]
    }
  }' "$results" >"$summary"

get() { # server op column(3=req/s 4=p50 5=p99 6=cpu/req 9=context switches/req)
  awk -F'\t' -v s="$1" -v o="$2" -v c="$3" '$1 == s && $2 == o { print $c }' "$summary"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }

fixed="$tmp/fixed.tsv"
: >"$fixed"
if has_server floe && [ "$FIXED_RATE_SECONDS" != 0 ]; then
  echo "== latency at a fixed rate: half of FloeDB's peak" >&2
  for op in "${ops[@]}"; do
    rate="$(awk -v r="$(get floe "$op" 3)" 'BEGIN { printf "%d", r / 2 }')"
    for s in floe floe-base ceiling; do
      has_server "$s" || continue
      r="$("$java" -cp "$jar" floe.benchmarks.load.FixedRateClient --port "${port[$s]}" --op "$op" --rate "$rate" \
        --seconds "$FIXED_RATE_SECONDS" --warmup "$FIXED_RATE_WARMUP" --connections "$FIXED_RATE_CONNECTIONS" \
        --items "$ITEMS" | grep '^FLOE_RESULT')"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$op" "$rate" "$(field completed "$r")" \
        "$(field errors "$r")" "$(field unanswered "$r")" "$(field p50_us "$r")" "$(field p99_us "$r")" \
        "$(field max_us "$r")" >>"$fixed"
      printf '   %-15s %-6s %s\n' "$(label "$s")" "$op" "${r#FLOE_RESULT }" >&2
    done
  done
fi

sdk="$tmp/sdk.tsv"
: >"$sdk"
if [ "$SDK_SECONDS" != 0 ]; then
  echo "== AWS SDK for Java v2 client, $SDK_THREADS threads, closed loop" >&2
  for s in "${servers[@]}"; do
    while read -r r; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$(field op "$r")" "$(field requests "$r")" \
        "$(field duration_us "$r")" "$(field errors "$r")" "$(field p50_us "$r")" "$(field p99_us "$r")" >>"$sdk"
      printf '   %-15s %s\n' "$(label "$s")" "${r#FLOE_RESULT }" >&2
    done < <("$java" -cp "$jar" floe.benchmarks.load.SdkLoadClient --endpoint "http://127.0.0.1:${port[$s]}" \
      --ops "$OPS" --threads "$SDK_THREADS" --seconds "$SDK_SECONDS" --warmup "$SDK_WARMUP" --items "$ITEMS" \
      2>/dev/null | grep '^FLOE_RESULT')
  done
fi

# Warm start: from the exec of ./floe serve (LMDB, a new data directory, nothing to build) to its first
# answered request, polled every 5 ms; then its resident memory 2 s later, idle. With BASE_HOME, each
# start of this tree's home is followed by one of the base home, so that both share the machine's drift.
starts=()
start_rss=()
base_starts=()
base_start_rss=()
# one_start home: prints "<ms> <MB>" (an empty home: this tree's)
one_start() {
  local p d t0 t1 sp ms mb
  p="$(free_port)"
  d="$(mktemp -d "${DATA_DIR:-${TMPDIR:-/tmp}}/floe-start.XXXXXX")"
  t0="$(date +%s%N)"
  if [ -n "$1" ]; then
    FLOE_HOME="$1" FLOE_JAVA_OPTS="$FLOE_EXTRA_JAVA_OPTS" "$root/floe" serve --port "$p" --data "$d/data" \
      --log-level warn >"$tmp/start.log" 2>&1 &
  else
    FLOE_NO_BUILD=1 FLOE_JAVA_OPTS="$FLOE_EXTRA_JAVA_OPTS" "$root/floe" serve --port "$p" --data "$d/data" \
      --log-level warn >"$tmp/start.log" 2>&1 &
  fi
  sp=$!
  until curl -s -o /dev/null "http://127.0.0.1:$p/" 2>/dev/null; do
    kill -0 "$sp" 2>/dev/null || { echo "run.sh: ./floe serve exited; its log:" >&2; cat "$tmp/start.log" >&2; exit 1; }
    sleep 0.005
  done
  t1="$(date +%s%N)"
  sleep 2
  ms=$(((t1 - t0) / 1000000))
  mb="$(rss_mb "$sp" VmRSS)"
  kill -TERM "$sp"; wait "$sp" 2>/dev/null || true
  rm -rf "$d"
  echo "$ms $mb"
}
if has_server floe && [ "$STARTS" != 0 ]; then
  base_home=""
  [ -f "${BASE_HOME:-}/lib/runtime/floe-server.jar" ] && base_home="$BASE_HOME"
  echo "== warm start of ./floe serve, $STARTS times${base_home:+, alternating with the base home}" >&2
  # One start of each home untimed first: it trains a home's class-data archive if it has none yet.
  one_start "" >/dev/null
  [ -z "$base_home" ] || one_start "$base_home" >/dev/null
  for i in $(seq 1 "$STARTS"); do
    read -r ms mb < <(one_start "")
    starts+=("$ms")
    start_rss+=("$mb")
    echo "   start $i: $ms ms, idle RSS $mb MB" >&2
    if [ -n "$base_home" ]; then
      read -r ms mb < <(one_start "$base_home")
      base_starts+=("$ms")
      base_start_rss+=("$mb")
      echo "   base start $i: $ms ms, idle RSS $mb MB" >&2
    fi
  done
fi
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# ---- the report (stdout) ----
echo
echo "Throughput: wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds x ${DURATION}s per server and operation" \
     "(p50/p99: median over the rounds; CPU: the server process's utime+stime; cs: its threads' context switches)"
printf '%-6s %-15s %10s %9s %9s %12s %10s %7s %7s\n' op server "req/s" "p50 ms" "p99 ms" "CPU us/req" "CPU cores" errors "cs/req"
while IFS=$'\t' read -r s op rps p50 p99 cpu cores err cs; do
  printf '%-6s %-15s %10s %9s %9s %12s %10s %7s %7s\n' "$op" "$(label "$s")" "$rps" "$p50" "$p99" "$cpu" "$cores" "$err" "$cs"
done < <(sort -t$'\t' -k2,2 -s "$summary")

for f in floe floe-memory; do
  has_server "$f" || continue
  echo
  echo "$(label "$f") relative to the others, same run (throughput: higher is better; latency and CPU: lower is better)"
  printf '%-6s %-15s %10s %9s %9s %12s\n' op against "req/s" "p50" "p99" "CPU/req"
  for op in "${ops[@]}"; do
    for s in ceiling dynalite "$f-base"; do
      has_server "$s" || continue
      printf '%-6s %-15s %10s %9s %9s %12s\n' "$op" "$(label "$s")" \
        "$(ratio "$(get "$f" "$op" 3)" "$(get "$s" "$op" 3)")" "$(ratio "$(get "$f" "$op" 4)" "$(get "$s" "$op" 4)")" \
        "$(ratio "$(get "$f" "$op" 5)" "$(get "$s" "$op" 5)")" "$(ratio "$(get "$f" "$op" 6)" "$(get "$s" "$op" 6)")"
    done
  done
done
if [[ ",$OPS," == *,batch,* ]]; then
  echo "(batch: each request is a BatchWriteItem of 25 items, so items/s is 25 times req/s)"
fi

if [ -s "$fixed" ]; then
  echo
  echo "Latency at a fixed rate (open loop, from each request's due time): half of FloeDB's wrk peak," \
       "${FIXED_RATE_SECONDS}s, $FIXED_RATE_CONNECTIONS connections"
  printf '%-6s %-15s %10s %10s %9s %9s %9s %7s\n' op server "rate/s" completed "p50 ms" "p99 ms" "max ms" errors
  while IFS=$'\t' read -r s op rate done err unans p50 p99 max; do
    printf '%-6s %-15s %10s %10s %9.3f %9.3f %9.3f %7s\n' "$op" "$(label "$s")" "$rate" "$done" \
      "$(awk -v v="$p50" 'BEGIN { print v / 1000 }')" "$(awk -v v="$p99" 'BEGIN { print v / 1000 }')" \
      "$(awk -v v="$max" 'BEGIN { print v / 1000 }')" "$((err + unans))"
  done <"$fixed"
fi

if [ -s "$sdk" ]; then
  echo
  echo "AWS SDK for Java v2 (sync, Apache client), $SDK_THREADS threads, closed loop, ${SDK_SECONDS}s"
  printf '%-6s %-15s %10s %9s %9s %7s\n' op server "req/s" "p50 ms" "p99 ms" errors
  while IFS=$'\t' read -r s op req dur err p50 p99; do
    printf '%-6s %-15s %10.0f %9.3f %9.3f %7s\n' "$op" "$(label "$s")" "$(awk -v r="$req" -v d="$dur" 'BEGIN { print r / (d / 1e6) }')" \
      "$(awk -v v="$p50" 'BEGIN { print v / 1000 }')" "$(awk -v v="$p99" 'BEGIN { print v / 1000 }')" "$err"
  done < <(sort -t$'\t' -k2,2 -s "$sdk")
fi

if [ "${#starts[@]}" -gt 0 ] || [ "${#load_rss[@]}" -gt 0 ]; then
  echo
  echo "Start and memory (FloeDB with its default JVM options)"
  if [ "${#starts[@]}" -gt 0 ]; then
    echo "  warm start, exec to first answered request: median $(median "${starts[@]}") ms of ${starts[*]}"
    echo "  RSS idle 2 s after a start: median $(median "${start_rss[@]}") MB of ${start_rss[*]}"
    if [ "${#base_starts[@]}" -gt 0 ]; then
      echo "  base home: warm start median $(median "${base_starts[@]}") ms of ${base_starts[*]};" \
           "RSS median $(median "${base_start_rss[@]}") MB of ${base_start_rss[*]}"
      echo "  this tree / base: start $(ratio "$(median "${starts[@]}")" "$(median "${base_starts[@]}")")," \
           "RSS $(ratio "$(median "${start_rss[@]}")" "$(median "${base_start_rss[@]}")")"
    fi
  fi
  for s in floe floe-memory; do
    [ -n "${load_rss[$s]:-}" ] || continue
    echo "  $(label "$s"): RSS ${idle_rss[$s]} MB idle after start, ${load_rss[$s]} MB after the throughput rounds," \
         "peak ${peak_rss[$s]} MB (loading included)"
  done
fi

# The targets of the issue.
if has_server floe; then
  echo
  echo "Targets"
  check() { # description value op threshold
    awk -v d="$1" -v v="$2" -v t="$4" -v cmp="$3" 'BEGIN {
      if (v == "" || v == "-") { printf "  %-56s %8s  (not measured)\n", d, "-"; exit }
      ok = cmp == ">=" ? v + 0 >= t : v + 0 <= t
      printf "  %-56s %8s  %s\n", d, v, ok ? "met" : "NOT met" }'
  }
  vs_ceiling() { # op floe-server description threshold
    has_server ceiling && has_server "$2" && [[ ",$OPS," == *",$1,"* ]] \
      && check "$3" "$(ratio "$(get "$2" "$1" 3)" "$(get ceiling "$1" 3)")" ">=" "$4"
    return 0
  }
  vs_ceiling get floe "GetItem throughput / ceiling >= 0.9" 0.9
  vs_ceiling put floe "PutItem (durable) throughput / ceiling >= 0.5" 0.5
  vs_ceiling put floe-memory "PutItem (in memory) throughput / ceiling >= 0.6" 0.6
  vs_ceiling query floe "Query (10 items) throughput / ceiling >= 0.6" 0.6
  if [[ ",$OPS," == *,batch,* ]] && has_server dynalite; then
    # The fastest open-source peer: dynalite is the only one so far.
    check "BatchWriteItem items/s / fastest peer's >= 10" "$(ratio "$(get floe batch 3)" "$(get dynalite batch 3)")" ">=" 10
  fi
  if [ -s "$fixed" ]; then
    while IFS=$'\t' read -r s op rate done err unans p50 p99 max; do
      [ "$s" = floe ] || continue
      check "$op p99 at half of FloeDB's peak ($rate/s) <= 2 ms" "$(awk -v v="$p99" 'BEGIN { printf "%.3f", v / 1000 }')" "<=" 2
      c99="$(awk -F'\t' -v o="$op" '$1 == "ceiling" && $2 == o { print $8 }' "$fixed")"
      [ -n "$c99" ] && check "  or $op p99 / the ceiling's p99 at that rate <= 1.5" "$(ratio "$p99" "$c99")" "<=" 1.5
    done <"$fixed"
  fi
  if [ "${#starts[@]}" -gt 0 ]; then
    check "warm start, median (s) <= 0.5" "$(awk -v v="$(median "${starts[@]}")" 'BEGIN { printf "%.2f", v / 1000 }')" "<=" 0.5
    check "RSS idle after a start (MB) <= 80" "$(median "${start_rss[@]}")" "<=" 80
  fi
  for s in floe floe-memory; do
    [ -n "${peak_rss[$s]:-}" ] || continue
    check "$(label "$s") peak RSS under the load (MB) <= 256" "${peak_rss[$s]}" "<=" 256
  done
fi
exit 0
