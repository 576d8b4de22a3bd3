#!/usr/bin/env bash
# GetItem over HTTP with authentication off and on (AuthBenchmark), in alternating rounds
# (off, on, off, on ...), so that drift on the machine hits both alike; prints each round's
# throughput and the ratio on / off of each round and of their sums.
# See benchmarks/README.md, "Authentication and authorization".
#
#   benchmarks/auth/run.sh [rounds] [extra JMH options]
#
# BASELINE=old-benchmarks.jar also runs that jar (an earlier build, copied aside) in each
# round, before this one (baseline off, baseline on, current off, current on), and prints
# its ratios too: before and after a change, in one run. TIMING replaces the warm-up and
# measurement options (default "-wi 4 -i 4 -w 3s -r 4s").
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
rounds="${1:-3}"
shift || true
read -r -a timing <<< "${TIMING:--wi 4 -i 4 -w 3s -r 4s}"
if [ ! -f "$jar" ]; then
  echo "no $jar: build it first (see benchmarks/README.md)" >&2
  exit 2
fi
builds=()
if [ -n "${BASELINE:-}" ]; then
  if [ ! -f "$BASELINE" ]; then
    echo "no baseline jar $BASELINE" >&2
    exit 2
  fi
  builds+=("baseline=$BASELINE")
fi
builds+=("current=$jar")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

score() { # the score of a JMH CSV result file
  awk -F, 'NR == 2 { gsub(/"/, "", $5); print $5 }' "$1"
}

for round in $(seq 1 "$rounds"); do
  for build in "${builds[@]}"; do
    name="${build%%=*}"
    for auth in off on; do
      echo "round $round, $name, auth $auth" >&2
      java -jar "${build#*=}" AuthBenchmark -p auth="$auth" -f 1 "${timing[@]}" -t 1 \
        -rf csv -rff "$out/$name-$auth-$round.csv" "$@" > "$out/$name-$auth-$round.log" 2>&1 \
        || { cat "$out/$name-$auth-$round.log" >&2; exit 1; }
    done
    off="$(score "$out/$name-off-$round.csv")"
    on="$(score "$out/$name-on-$round.csv")"
    echo "$off $on" >> "$out/$name.scores"
    awk -v r="$round" -v b="$name" -v off="$off" -v on="$on" \
      'BEGIN { printf "round %d %-8s off %.2f ops/ms, on %.2f ops/ms, on/off %.3f\n", r, b, off, on, on / off }'
  done
done
for build in "${builds[@]}"; do
  name="${build%%=*}"
  awk -v b="$name" \
    '{ off += $1; on += $2; n++ } END { printf "all %d rounds %-8s off %.2f ops/ms, on %.2f ops/ms, on/off %.3f\n", n, b, off / n, on / n, on / off }' \
    "$out/$name.scores"
done
