#!/usr/bin/env bash
# GetItem over HTTP with authentication off and on (AuthBenchmark), in alternating rounds
# (off, on, off, on ...), so that drift on the machine hits both alike; prints each round's
# throughput and the ratio on / off of each round and of their sums.
# See benchmarks/README.md, "Authentication and authorization".
#
#   benchmarks/auth/run.sh [rounds] [extra JMH options]
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
rounds="${1:-3}"
shift || true
if [ ! -f "$jar" ]; then
  echo "no $jar: build it first (see benchmarks/README.md)" >&2
  exit 2
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

score() { # the score of a JMH CSV result file
  awk -F, 'NR == 2 { gsub(/"/, "", $5); print $5 }' "$1"
}

off_sum=0
on_sum=0
for round in $(seq 1 "$rounds"); do
  for auth in off on; do
    java -jar "$jar" AuthBenchmark -p auth="$auth" -f 1 -wi 4 -i 4 -w 3s -r 4s -t 1 \
      -rf csv -rff "$out/$auth-$round.csv" "$@" > "$out/$auth-$round.log" 2>&1 \
      || { cat "$out/$auth-$round.log" >&2; exit 1; }
  done
  off="$(score "$out/off-$round.csv")"
  on="$(score "$out/on-$round.csv")"
  off_sum="$(awk -v a="$off_sum" -v b="$off" 'BEGIN { print a + b }')"
  on_sum="$(awk -v a="$on_sum" -v b="$on" 'BEGIN { print a + b }')"
  awk -v r="$round" -v off="$off" -v on="$on" \
    'BEGIN { printf "round %d: off %.2f ops/ms, on %.2f ops/ms, on/off %.3f\n", r, off, on, on / off }'
done
awk -v off="$off_sum" -v on="$on_sum" -v n="$rounds" \
  'BEGIN { printf "all %d rounds: off %.2f ops/ms, on %.2f ops/ms, on/off %.3f\n", n, off / n, on / n, on / off }'
