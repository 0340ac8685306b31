#!/usr/bin/env bash
# Scale-out test (CI): two engram instances on one PostgreSQL behind nginx (TLS, the production site file) on
# loopback. Simulated participants go through nginx round robin; one instance is killed with kill -9 mid-run.
# Fails unless every acknowledged trial is exported exactly once, every run completed, trials of one run were
# answered by both instances, /metrics shows the saves, and the admin backup refuses PostgreSQL with its message.
# Usage: deploy/test/scaleout-test.sh [PARTICIPANTS (default 60)]     Needs root, or nginx + postgresql-15 installed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
participants=${1:-60}
new_work scaleout
trap cleanup EXIT
ensure_packages
[[ -f $WAR && -f $MICRO_JAR ]] || (cd "$ROOT" && mvn -q -B -DskipTests -pl webapp -am install)

pg_start
instance_start 18181 && wait_healthy 18181          # the first one migrates and creates the demo experiment
instance_start 18182 && wait_healthy 18182
nginx_start 18181 18182

log "TLS and headers through nginx"
headers=$(curl -fsS --cacert "$NGINX_DIR/cert.pem" -D - -o /dev/null "$LB/run/demo")
for h in Strict-Transport-Security X-Content-Type-Options X-Frame-Options Content-Security-Policy Referrer-Policy; do
  grep -qi "^$h:" <<<"$headers" || die "header $h missing from $LB/run/demo"
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/run/demo") == 301 ]] || die "plain HTTP is not redirected"
[[ $(curl -s --cacert "$NGINX_DIR/cert.pem" -o /dev/null -w '%{http_code}' "$LB/metrics") == 404 ]] || die "/metrics is reachable through nginx"

log "simulating $participants participants through nginx; kill -9 of instance 18182 once 300 trials are acknowledged"
simulate --participants "$participants" --concurrency "$participants" --seed 6006 --trial-delay-ms 150 \
  --log "$WORK/acks.csv" >"$WORK/simulate.out" 2>"$WORK/simulate.err" &
sim=$!
wait_for_acks "$WORK/acks.csv.part" 300 "$sim"
instance_kill 18182
log "killed instance 18182 (kill -9)"
sim_rc=0; wait "$sim" || sim_rc=$?
cat "$WORK/simulate.out"
[[ $sim_rc == 0 ]] || die "the simulation reported failed participants (exit $sim_rc)"

export_zip "$WORK/export.zip"
python3 "$ROOT/deploy/test/check_export.py" "$WORK/acks.csv" "$WORK/export.zip" --runs-complete || die "trials lost or duplicated"

log "round robin: runs whose trial saves were answered by more than one instance"
shared=$(python3 - "$NGINX_DIR/access.log" <<'PY'
import re, sys
by_run = {}
for line in open(sys.argv[1]):
    m = re.search(r'"PUT /api/runs/([^/]+)/trials/\d+ [^"]*" 200 .*upstream=(\S+(?:, \S+)*) upstream_status', line)
    if m:
        by_run.setdefault(m.group(1), set()).add(m.group(2).split(", ")[-1])
print(sum(1 for s in by_run.values() if len(s) > 1), len(by_run))
PY
)
log "runs served by several instances / runs: $shared"
[[ ${shared%% *} -gt 0 ]] || die "no run was served by more than one instance"

log "metrics on the surviving instance"
metrics=$(curl -fsS http://127.0.0.1:18181/metrics)
for name in engram_trials_stored_total engram_trials_save_time_seconds_count engram_runs_active engram_db_pool_active engram_trials_stored_rate_per_second; do
  grep -q "^$name" <<<"$metrics" || die "$name missing from /metrics"
done
stored=$(grep -m1 '^engram_trials_stored_total' <<<"$metrics" | awk '{print $NF}')
awk -v n="$stored" 'BEGIN { exit !(n > 0) }' || die "instance 18181 counted no stored trials"
log "instance 18181: engram_trials_stored_total $stored"

grep -q '"event":"run_started"' "$WORK"/instance-18181/logs/events.*.jsonl || die "no run_started line in the event log"
if grep -h -o '"participant":"[^"]*"' "$WORK"/instance-18181/logs/events.*.jsonl | grep -qiE '"[0-9a-f]{24}"'; then
  die "a 24-hex Prolific ID appears in clear in the event log"
fi

reply=$(curl -s -u "admin:$ADMIN_PASSWORD" -X POST -w ' %{http_code}' http://127.0.0.1:18181/api/admin/backup)
[[ $reply == *use_pg_dump*409 ]] || die "POST /api/admin/backup on PostgreSQL answered: $reply"
log "PASS: scale-out test"
