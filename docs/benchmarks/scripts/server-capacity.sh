#!/usr/bin/env bash
# Trial-save latency and server memory as paced participants are added, on H2 or PostgreSQL.
# Usage: docs/benchmarks/scripts/server-capacity.sh h2|postgres [PACE_MS] [LEVELS...]
#   postgres needs a database reachable as ENGRAM_DB_URL / ENGRAM_DB_USER / ENGRAM_DB_PASSWORD (see the docs).
# Each level runs N simulated participants through the demo experiment (30 trials each), arriving evenly over
# RAMP_UP_S seconds (default 60), one trial every PACE_MS ±20 % (default 3500 = the model study's 3 s image + 0.5 s gap),
# and prints p50/p99 trial-save latency over all their trials and the server's resident memory (RSS) at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
db=${1:?h2 or postgres}; pace=${2:-3500}; shift 2 || true
levels=("$@"); [[ ${#levels[@]} -gt 0 ]] || levels=(100 200 400 800)
port=8095; data=$(mktemp -d /tmp/engram-bench.XXXX)
args=(--port $port --data "$data")
[[ $db == postgres ]] && args+=(--db-url "${ENGRAM_DB_URL:?set ENGRAM_DB_URL}")
"$ROOT/engram" serve "${args[@]}" >"$data/serve.out" 2>&1 &
launcher=$!
trap 'kill $launcher 2>/dev/null; wait $launcher 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q engram-database && break; sleep 1; done
server=$(pgrep -f "payara-micro.jar.*--port $port" | head -n 1)
# warm-up (not measured): 100 participants closed-loop, so that the levels measure a JIT-compiled server
"$ROOT/engram" simulate --url "http://127.0.0.1:$port" --experiment demo --participants 100 --concurrency 16 --seed 1 >/dev/null 2>&1 || true
printf 'db\tpace_ms\tparticipants\ttrials\tp50_ms\tp99_ms\tmax_ms\tthroughput_per_s\tcompleted\tfailed\tserver_rss_mb\n'
ramp=${RAMP_UP_S:-60}
seed=$(( $(date +%s) % 1000000 * 1000 ))
for n in "${levels[@]}"; do
  seed=$((seed + n))
  out=$("$ROOT/engram" simulate --url "http://127.0.0.1:$port" --experiment demo --participants "$n" --concurrency "$n" \
        --seed "$seed" --trial-delay-ms "$pace" --ramp-up-s "$ramp" 2>/dev/null || true)
  lat=$(grep 'trial-save latency' <<<"$out")
  p50=$(sed -E 's/.*p50 ([0-9.]+).*/\1/' <<<"$lat"); p99=$(sed -E 's/.*p99 ([0-9.]+).*/\1/' <<<"$lat"); max=$(sed -E 's/.*max ([0-9.]+).*/\1/' <<<"$lat")
  trials=$(sed -E 's/.*\(n=([0-9]+)\).*/\1/' <<<"$lat")
  thr=$(grep -oE 'throughput [0-9.]+' <<<"$out" | cut -d' ' -f2)
  completed=$(grep -oE 'completed [0-9]+' <<<"$out" | head -1 | cut -d' ' -f2); failed=$(grep -oE 'failed [0-9]+' <<<"$out" | head -1 | cut -d' ' -f2)
  rss=$(( $(ps -o rss= -p "$server") / 1024 ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$pace" "$n" "$trials" "$p50" "$p99" "$max" "$thr" "$completed" "$failed" "$rss"
done
