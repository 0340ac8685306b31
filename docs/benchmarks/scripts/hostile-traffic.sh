#!/usr/bin/env bash
# The hostile-traffic load test of docs/security.md (issue 9) against `./engram serve` (H2, the launcher's -Xmx512m).
# Usage: docs/benchmarks/scripts/hostile-traffic.sh [CHECKOUT] [PORT] [-- hostile-traffic.py options]
#   CHECKOUT: an engram checkout whose server is tested (default: this one), e.g. a `git worktree` of an older commit.
# Starts the server on a fresh data folder, runs hostile-traffic.py (loopback only; see its header for the phases),
# then one simulated participant, and prints the number of OutOfMemoryErrors in the server's log. Stops the server.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "${1:-$HERE/../../..}" && pwd)"; port=${2:-8096}
shift $(( $# < 2 ? $# : 2 ))
[[ ${1:-} == -- ]] && shift
data=$(mktemp -d /tmp/engram-hostile.XXXX)
"$ROOT/engram" serve --port "$port" --data "$data" >"$data/serve.out" 2>&1 &
launcher=$!
trap 'kill $launcher 2>/dev/null || true; wait $launcher 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q engram-database && break; sleep 1; done
server=$(pgrep -f "payara-micro.jar.*--port $port" | head -n 1)
echo "checkout: $(git -C "$ROOT" log -1 --format='%h %s' | cut -c1-80)"
echo "server: pid $server, $(ps -o args= -p "$server" | grep -oE -- '-Xmx[0-9]+[mg]|-XX:\+ExitOnOutOfMemoryError' | tr '\n' ' ')"
python3 "$HERE/hostile-traffic.py" --url "http://127.0.0.1:$port" --pid "$server" "$@" || true
echo "simulated participant afterwards:"
timeout 300 "$ROOT/engram" simulate --url "http://127.0.0.1:$port" --experiment demo --participants 1 --seed 7 2>&1 | tail -n 3 || true
echo "OutOfMemoryError lines in the server log: $(grep -c OutOfMemoryError "$data/logs/server.log" || true)"
echo "server process still running: $(kill -0 "$server" 2>/dev/null && echo yes || echo no)"
kill "$server" 2>/dev/null || true
sleep 10
kill -0 "$server" 2>/dev/null && { echo "the server did not stop on SIGTERM within 10 s: kill -9"; kill -9 "$server"; } || true
