#!/usr/bin/env bash
# The kill test: kill -9 the server in the middle of a simulation, restart it, and check the export against the
# simulator's log of acknowledged trials: every acknowledged trial present, none twice.
# Usage: docs/benchmarks/scripts/kill-test.sh [PARTICIPANTS] [h2|postgres]   (postgres: set ENGRAM_DB_URL/USER/PASSWORD)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
participants=${1:-200}; db=${2:-h2}
port=8096; work=$(mktemp -d /tmp/engram-kill.XXXX)
export ENGRAM_ADMIN_PASSWORD=kill-test-admin
args=(--port $port --data "$work/data")
[[ $db == postgres ]] && args+=(--db-url "${ENGRAM_DB_URL:?set ENGRAM_DB_URL}")

start_server() {
  "$ROOT/engram" serve "${args[@]}" >>"$work/serve.out" 2>&1 &
  launcher=$!
  for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q engram-database && return 0; sleep 1; done
  echo "server did not start" >&2; exit 1
}
server_pid() { pgrep -f "payara-micro.jar.*--port $port" | head -n 1; }

start_server
trap 'kill $launcher 2>/dev/null; pkill -f "payara-micro.jar.*--port $port" 2>/dev/null || true' EXIT
echo "simulating $participants participants, one trial a second each; acknowledged trials go to $work/acks.csv"
"$ROOT/engram" simulate --url "http://127.0.0.1:$port" --experiment demo --participants "$participants" \
  --concurrency "$participants" --seed 77 --trial-delay-ms 1000 --log "$work/acks.csv" >"$work/simulate.out" 2>"$work/simulate.err" &
sim=$!
sleep 12
victim=$(server_pid)
echo "kill -9 $victim at $(date +%T)"
kill -9 "$victim"
wait "$launcher" 2>/dev/null || true
sleep 3
echo "restarting at $(date +%T)"
start_server
echo "server healthy again at $(date +%T)"
wait "$sim" || true
cat "$work/simulate.out"
curl -fs -u "admin:$ENGRAM_ADMIN_PASSWORD" "http://127.0.0.1:$port/api/experiments/demo/export?images=false" -o "$work/export.zip"
python3 - "$work/acks.csv" "$work/export.zip" <<'PY'
import csv, io, sys, zipfile
acks = list(csv.DictReader(open(sys.argv[1])))
rows = list(csv.DictReader(io.TextIOWrapper(zipfile.ZipFile(sys.argv[2]).open("responses.csv"), "utf-8")))
exported = {}
for r in rows:
    key = (r["run_id"], r["trial_index"])
    exported[key] = exported.get(key, 0) + 1
acked = {(a["run_id"], a["position"]) for a in acks}
lost = [k for k in acked if k not in exported]
duplicates = [k for k, n in exported.items() if n > 1]
print(f"acknowledged trials: {len(acked)}  exported rows: {len(rows)}  lost: {len(lost)}  duplicates: {len(duplicates)}")
sys.exit(0 if not lost and not duplicates else 1)
PY
