#!/usr/bin/env bash
# Fault tests behind nginx (TLS) with two engram instances on one PostgreSQL, loopback only. Each scenario runs paced
# simulated participants (one trial every PACE ms, like people), injects one fault, and checks the export against the
# simulator's log of acknowledged trials: none lost, none twice, every run completed.
#   kill      kill -9 one instance once 2000 trials are acknowledged; systemd-like restart 10 s later
#   pgrestart restart PostgreSQL (pg_ctl restart -m fast) mid-run
#   cut       60 s network cut between nginx and the instances: iptables drops every TCP packet to and from the
#             instances' ports on loopback for 60 s (needs root with CAP_NET_ADMIN and iptables, installed when
#             missing). CUT_METHOD=sigstop instead freezes both instances with SIGSTOP for 60 s, then SIGCONT
#   refuse    60 s in which nginx's upstreams point at a closed port (nginx -s reload), then back
# Usage: deploy/test/fault-tests.sh [SCENARIOS="kill pgrestart cut refuse"] [PARTICIPANTS=500] [PACE_MS=1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
scenarios=${1:-kill pgrestart cut refuse}; participants=${2:-500}; pace=${3:-1000}
new_work faults
trap cleanup EXIT
ensure_packages
cut_method=${CUT_METHOD:-iptables}
if [[ " $scenarios " == *" cut "* && $cut_method == iptables ]]; then
  ensure_iptables
fi
pg_start
instance_start 18301 && wait_healthy 18301
instance_start 18302 && wait_healthy 18302
nginx_start 18301 18302
seed=9100
overall=0
for scenario in $scenarios; do
  seed=$((seed + 100000))   # synthetic IDs derive from seed + index: keep runs apart
  acks=$WORK/$scenario-acks.csv
  log "== $scenario: $participants participants, one trial every $pace ms, seed $seed =="
  start=$(date +%s)
  simulate --participants "$participants" --concurrency "$participants" --seed "$seed" --trial-delay-ms "$pace" \
    --log "$acks" >"$WORK/$scenario-simulate.out" 2>"$WORK/$scenario-simulate.err" &
  sim=$!
  wait_for_acks "$acks.part" 2000 "$sim"
  case $scenario in
    kill)
      log "kill -9 instance 18302 at $(( $(date +%s) - start )) s"; instance_kill 18302
      sleep 10; instance_start 18302 && wait_healthy 18302 ;;
    pgrestart)
      log "restarting PostgreSQL at $(( $(date +%s) - start )) s"; pg_restart; log "PostgreSQL is back" ;;
    cut)
      if [[ $cut_method == iptables ]]; then
        log "iptables: dropping packets to and from 18301, 18302 at $(( $(date +%s) - start )) s for 60 s"
        net_cut 18301 18302; sleep 60; net_uncut
      else
        log "SIGSTOP both instances at $(( $(date +%s) - start )) s for 60 s"
        kill -STOP "${INSTANCE_PID[18301]}" "${INSTANCE_PID[18302]}"; sleep 60
        kill -CONT "${INSTANCE_PID[18301]}" "${INSTANCE_PID[18302]}"; log "SIGCONT"
      fi ;;
    refuse)
      log "upstreams -> closed port 127.0.0.1:9 at $(( $(date +%s) - start )) s for 60 s"
      nginx_upstreams 9; sleep 60; nginx_upstreams 18301 18302 ;;
    *) die "unknown scenario $scenario" ;;
  esac
  sim_rc=0; wait "$sim" || sim_rc=$?
  log "simulation ended after $(( $(date +%s) - start )) s (exit $sim_rc)"
  cat "$WORK/$scenario-simulate.out"
  export_zip "$WORK/$scenario-export.zip"
  # The export holds every scenario's runs; check only this scenario's (the acks name their runs).
  if python3 "$ROOT/deploy/test/check_export.py" "$acks" "$WORK/$scenario-export.zip" --runs-complete && [[ $sim_rc == 0 ]]; then
    log "PASS $scenario"
  else
    log "FAIL $scenario"; overall=1
  fi
done
exit $overall
