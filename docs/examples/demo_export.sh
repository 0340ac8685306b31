#!/usr/bin/env bash
# A real engram export of the demo experiment: ./engram serve (H2, a fresh data folder), simulated participants whose
# hit rate depends on the image's condition (high 0.8, low 0.4, others 0.6), and the export downloaded over HTTP.
# Usage: docs/examples/demo_export.sh OUT.zip [PARTICIPANTS=80] [PORT=18615] [SEED=15]
# It made generator/src/test/resources/readout/demo-export.zip (80 participants, seed 15; the images were then
# removed from the zip with `zip -d … 'images/*'`: they are the bytes of stimuli/demo/images).
set -euo pipefail
out=$(realpath -m "$1"); participants=${2:-80}; port=${3:-18615}; seed=${4:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(mktemp -d)
export ENGRAM_ADMIN_PASSWORD="demo-export-$RANDOM-$RANDOM"
"$root/engram" serve --port "$port" --data "$data" > "$data/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 240); do
  grep -q "engram is ready" "$data/serve.out" && break
  kill -0 $server 2>/dev/null || { cat "$data/serve.out" >&2; exit 1; }
  sleep 0.5
done
grep -q "engram is ready" "$data/serve.out" || { echo "the server did not start; see $data/serve.out" >&2; exit 1; }
"$root/engram" simulate --url "http://127.0.0.1:$port/" --experiment demo --participants "$participants" --concurrency 4 \
  --seed "$seed" --manifest "$root/stimuli/demo/manifest.csv" --hit-rate high=0.8,low=0.4,default=0.6 --false-alarm-rate 0.1
curl -fsS -u "admin:$ENGRAM_ADMIN_PASSWORD" -o "$out" "http://127.0.0.1:$port/api/experiments/demo/export"
echo "wrote $out" >&2
