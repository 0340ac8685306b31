#!/usr/bin/env bash
# Throughput and trial-save latency for 1, 2 and 3 engram instances on one PostgreSQL behind nginx (TLS), loopback only.
# Each level runs a closed-loop simulation (no pause between trials) REPEATS times with fresh seeds and prints one TSV
# row per run, plus the instances' resident memory afterwards. Results: docs/benchmarks/scaleout.md.
# With one instance it also measures the simulator talking to the instance directly (row 1-direct; NO_DIRECT=1 skips it).
# Usage: deploy/test/scaleout-bench.sh [PARTICIPANTS=200] [CONCURRENCY=32] [REPEATS=3] [LEVELS="1 2 3"]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
participants=${1:-200}; concurrency=${2:-32}; repeats=${3:-3}; levels=${4:-1 2 3}
new_work scalebench
trap cleanup EXIT
ensure_packages
pg_start
ports=()
printf 'instances\trun\tparticipants\tconcurrency\ttrials\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tthroughput_per_s\tcompleted\tfailed\trss_mb_each\n'
# Synthetic Prolific IDs derive from seed + index, so seeds of runs on one database are 100000 apart.
seed=7000
for level in $levels; do
  while ((${#ports[@]} < level)); do
    port=$((18201 + ${#ports[@]}))
    instance_start "$port" && wait_healthy "$port"
    ports+=("$port")
  done
  if [[ -z ${NGINX_DIR:-} ]]; then nginx_start "${ports[@]}"; else nginx_upstreams "${ports[@]}"; fi
  # One short warm-up run per level (JIT, pools), not reported.
  simulate --participants 20 --concurrency "$concurrency" --seed $((seed += 100000)) >/dev/null 2>&1 || true
  targets=("$level")
  [[ $level == 1 && -z ${NO_DIRECT:-} ]] && targets+=("1-direct")
  for target in "${targets[@]}"; do
  url=$LB; [[ $target == 1-direct ]] && url=http://127.0.0.1:${ports[0]}
  for run in $(seq 1 "$repeats"); do
    seed=$((seed + 100000))
    out=$(SIM_URL=$url simulate --participants "$participants" --concurrency "$concurrency" --seed "$seed" 2>/dev/null || true)
    lat=$(grep 'trial-save latency' <<<"$out")
    val() { sed -E "s/.*$1 ([0-9.]+).*/\\1/" <<<"$lat"; }
    trials=$(sed -E 's/.*\(n=([0-9]+)\).*/\1/' <<<"$lat")
    thr=$(grep -oE 'throughput [0-9.]+' <<<"$out" | cut -d' ' -f2)
    completed=$(grep -oE 'completed [0-9]+' <<<"$out" | head -1 | cut -d' ' -f2)
    failed=$(grep -oE 'failed [0-9]+' <<<"$out" | head -1 | cut -d' ' -f2)
    rss=$(for p in "${ports[@]}"; do rss_mb "$p"; done | paste -sd, -)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$run" "$participants" "$concurrency" "$trials" \
      "$(val p50)" "$(val p90)" "$(val p99)" "$(val max)" "$thr" "$completed" "$failed" "$rss"
  done
  done
done
