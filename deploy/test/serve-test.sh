#!/usr/bin/env bash
# The launcher's first start: `./engram serve` on a new data folder (no ENGRAM_ADMIN_PASSWORD) prints the generated
# admin password, read from <data>/first-admin-password (mode 600, written by the server), not scraped from a log; the
# password is in no log, and it logs in. Builds the webapp first when it is missing or stale (`mvn package`).
# Usage: deploy/test/serve-test.sh        SERVE_PORT (default 58090) is the port it serves on.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SERVE_PORT=${SERVE_PORT:-58090}
new_work serve
serve_pid=""
stop_serve() {
  if [[ -n $serve_pid ]]; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
}
# cleanup (lib.sh) exits with the status it finds in $?, so the test's own status is handed on past stop_serve.
trap 'status=$?; set +e; stop_serve; (exit $status); cleanup' EXIT

data=$WORK/data
env -u ENGRAM_ADMIN_PASSWORD "$ROOT/engram" serve --data "$data" --port "$SERVE_PORT" >"$WORK/serve.out" 2>"$WORK/serve.err" &
serve_pid=$!
# The first build of every module can take minutes on a small machine; the server itself starts in about 15 s.
for _ in $(seq 1 1800); do
  grep -q "engram is ready" "$WORK/serve.out" && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$WORK/serve.err" >&2; die "./engram serve stopped before it was ready"; }
  sleep 1
done
grep -q "engram is ready" "$WORK/serve.out" || die "./engram serve was not ready within 30 minutes"
cat "$WORK/serve.out" >&2

password=$(sed -n 's/^ *Admin login: *admin \/ //p' "$WORK/serve.out")
[[ $password =~ ^[A-Za-z0-9]{20}$ ]] || die "the launcher did not print a generated password: '$password'"
file=$data/first-admin-password
[[ $(stat -c %a "$file") == 600 ]] || die "$file has mode $(stat -c %a "$file"), not 600"
[[ $(head -n 1 "$file") == "$password" ]] || die "the printed password is not the one in $file"
if grep -rqF -- "$password" "$data/logs" "$WORK/serve.err"; then die "the password appears in a log"; fi
grep -q "generated password is in $file" "$data/logs/server.log" || die "the server log does not say where the password is"

base=http://127.0.0.1:$SERVE_PORT
status=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$password" "$base/api/experiments")
[[ $status == 200 ]] || die "admin with the printed password: GET /api/experiments answered $status"
status=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:not-$password" "$base/api/experiments")
[[ $status == 401 ]] || die "a wrong password answered $status"
log "PASS: the launcher printed the first admin password from $file (mode 600), it logs in, and no log holds it"
