#!/usr/bin/env bash
# KmsBenchmark in alternating rounds: GetItem and PutItem on a table encrypted by the kms
# plugin (encryption=on) and on the same without it (off), one JMH fork each, off and on in
# turn, so that the machine's drift hits both alike. Prints each round and, per operation,
# the median of every measured iteration of each side and their ratio (goal: on/off >= 0.85).
#
#   benchmarks/kms-rounds.sh [ROUNDS] [extra JMH options]
#
# SIDES="off uncached" benchmarks/kms-rounds.sh measures the plugin keeping no plaintexts.
# TRANSPORT=http sends the calls as signed requests to a server over the same engine (add
# "-t 4" to saturate it); TIMING replaces the warm-up and measurement options.
# BASELINE=old-benchmarks.jar also runs that jar (an earlier build, copied aside) in each
# round, before this one, and prints its ratios too: before and after a change, in one run.
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -Pbench -pl benchmarks -am package -DskipTests).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
rounds="${1:-3}"
read -r -a sides <<< "${SIDES:-off on}"
read -r -a timing <<< "${TIMING:--wi 2 -i 3 -w 2s -r 3s}"
shift || true
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

builds=()
if [[ -n "${BASELINE:-}" ]]; then
  builds+=("baseline=$BASELINE")
fi
builds+=("current=$jar")

for round in $(seq 1 "$rounds"); do
  for build in "${builds[@]}"; do
    name="${build%%=*}"
    for side in "${sides[@]}"; do
      echo "round $round, $name, encryption=$side" >&2
      java -jar "${build#*=}" 'KmsBenchmark' -p encryption="$side" -p transport="${TRANSPORT:-engine}" -f 1 \
        "${timing[@]}" -rf json -rff "$out/$round-$name-$side.json" "$@" > "$out/$round-$name-$side.log" 2>&1 \
        || { cat "$out/$round-$name-$side.log" >&2; exit 1; }
    done
  done
done

python3 - "$out" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
scores = {}
for name in sorted(os.listdir(out)):
    if not name.endswith('.json'):
        continue
    round_, build, side = name[:-5].split('-', 2)
    for r in json.load(open(os.path.join(out, name))):
        op = r['benchmark'].rsplit('.', 1)[1]
        raw = [x for fork in r['primaryMetric']['rawData'] for x in fork]
        scores.setdefault((build, op), {}).setdefault(side, []).extend(raw)
        print(f"round {round_} {build:8} {op:8} {side:3} " + ' '.join(f'{x:8.1f}' for x in raw) + ' ops/ms')
for (build, op), sides in sorted(scores.items()):
    off = statistics.median(sides.pop('off'))
    for side, values in sorted(sides.items()):
        on = statistics.median(values)
        print(f"{build:8} {op:8} off {off:8.1f}  {side} {on:8.1f} ops/ms (pooled medians of {len(values)} iterations"
              f" each)  {side}/off {on / off:.2f}")
PY
