#!/usr/bin/env bash
# Session failover test (CI): two engram instances clustered with Hazelcast (ENGRAM_CLUSTER_MEMBERS, member list on
# loopback, no multicast) on one PostgreSQL behind nginx (the production site file, ip_hash on the workspace).
# An experimenter logs in through the login form (curl, cookie jar) and opens the experiment page; the instance that
# served it is killed with kill -9. Fails unless, through nginx with the same cookie, the other instance then shows
# the workspace to the same account (no redirect to the login page), accepts a Faces form posted with the view state
# of the page the dead instance rendered, and the saved setting is in the database.
# Usage: deploy/test/session-failover-test.sh     Needs root, or nginx + postgresql-15 installed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
new_work failover
trap cleanup EXIT
ensure_packages
[[ -f $WAR && -f $MICRO_JAR ]] || (cd "$ROOT" && mvn -q -B -DskipTests -pl webapp -am install)
started=$SECONDS

# Each instance's data-grid port is the launcher's default, its HTTP port - 2180 (18191 -> 16011).
# CLUSTER_MEMBERS= (empty) runs the same steps without session sharing: the control, which must fail after the kill.
export ENGRAM_CLUSTER_MEMBERS=${CLUSTER_MEMBERS-127.0.0.1:16011,127.0.0.1:16012} ENGRAM_CLUSTER_NAME=engram-failover-test
pg_start
instance_start 18191 && wait_healthy 18191   # the first one migrates and creates the demo
instance_start 18192 && wait_healthy 18192
nginx_start 18191 18192

# Each instance must list the other as a data-grid member before the login, else nothing would be replicated.
joined() { grep -qs "DataGrid: engram-failover-test .* This: false .* Address: /127.0.0.1:$2" "$WORK/instance-$1.log"; }
if [[ -n $ENGRAM_CLUSTER_MEMBERS ]]; then
  both_joined() { joined 18191 16012 && joined 18192 16011; }
  wait_until 180 both_joined || die "the instances did not form one data grid within 180 s (see $WORK/instance-*.log)"
  log "data grid: two members"
else
  log "control run: no session sharing (--nohazelcast)"
fi

jar=$WORK/cookies.txt
fetch() {   # fetch PATH OUTPUT [curl args...]: through nginx with the cookie jar; prints the status code
  local path=$1 out=$2; shift 2
  curl -sS --cacert "$NGINX_DIR/cert.pem" -b "$jar" -c "$jar" -o "$out" -w '%{http_code}' "$@" "$LB$path"
}
view_state() { grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
# served_by LINE: the port of the instance that answered the request logged on that line of the access log (after a
# failover nginx logs 'upstream=A, B'). nginx writes the line after the answer has gone out, so curl can return before
# it is there: wait for it rather than read the last line, which may still be the request before.
log_lines() { wc -l <"$NGINX_DIR/access.log"; }
served_by() {
  local line=$1
  wait_until 60 eval '(( $(log_lines) >= line ))' || die "nginx did not log request $line within 60 s"
  sed -n "${line}p" "$NGINX_DIR/access.log" | sed -n 's/.* upstream=\(.*\) upstream_status=.*/\1/p' | sed 's/.*://'
}

log "login through the form"
code=$(fetch /admin/login.xhtml "$WORK/login.html")
[[ $code == 200 ]] || die "GET /admin/login.xhtml answered $code"
state=$(view_state "$WORK/login.html")
[[ -n $state ]] || die "no view state on the login page"
code=$(fetch /admin/login.xhtml "$WORK/login-reply.html" --data-urlencode "login=login" --data-urlencode "login:next=" \
  --data-urlencode "login:username=admin" --data-urlencode "login:password=$ADMIN_PASSWORD" \
  --data-urlencode "login:submit=Log in" --data-urlencode "jakarta.faces.ViewState=$state")
[[ $code == 302 || $code == 303 ]] || die "the login post answered $code, not a redirect"

# Every workspace page once, so that each page's view-scoped beans go into the session (checked for serialization below).
for page in index.xhtml "design.xhtml?slug=demo" "monitor.xhtml?slug=demo" "export.xhtml?slug=demo" stimuli.xhtml \
            "audit.xhtml?slug=demo" users.xhtml tokens.xhtml; do
  code=$(fetch "/admin/$page" "$WORK/page.html")
  [[ $code == 200 ]] || die "GET /admin/$page after login answered $code"
done
logged=$(log_lines)
code=$(fetch "/admin/experiment.xhtml?slug=demo" "$WORK/before.html")
[[ $code == 200 ]] || die "GET the experiment page after login answered $code"
grep -q '<span class="who" id="who">admin ' "$WORK/before.html" || die "the account box does not show admin after login"
victim=$(served_by $((logged + 1)))
[[ $victim == 18191 || $victim == 18192 ]] || die "cannot tell from the access log which instance served the page ('$victim')"
survivor=$((victim == 18191 ? 18192 : 18191))
log "the experiment page came from instance $victim; kill -9 of it"
instance_kill "$victim"

logged=$(log_lines)
code=$(fetch "/admin/experiment.xhtml?slug=demo" "$WORK/after.html")
[[ $code == 200 ]] || die "after the kill, the experiment page answered $code (302 = sent to the login page: session lost)"
[[ $(served_by $((logged + 1))) == "$survivor" ]] || die "after the kill the page did not come from instance $survivor"
grep -q '<span class="who" id="who">admin ' "$WORK/after.html" || die "after the kill the account box does not show admin"
log "instance $survivor shows the workspace to admin without a new login"

# A Faces post with the view state rendered by the dead instance: the server-side view state was replicated.
title="Failover $(date +%s)"
python3 "$ROOT/deploy/test/faces_form.py" "$WORK/before.html" settings save "title=$title" >"$WORK/settings.body" \
  || die "could not build the settings form post"
code=$(fetch "/admin/experiment.xhtml?slug=demo" "$WORK/saved.html" --data-binary "@$WORK/settings.body" \
  -H "Content-Type: application/x-www-form-urlencoded")
[[ $code == 200 || $code == 302 || $code == 303 ]] || die "the settings post answered $code"
grep -q "access-denied\|View expired\|ViewExpired" "$WORK/saved.html" && die "the settings post was refused (view state lost)"
stored=$(pg_psql -d engram -Atc "select title from experiment where slug = 'demo'")
[[ $stored == "$title" ]] || die "the settings post did not save: the demo's title is '$stored'"
log "settings saved on instance $survivor with the old page's view state: title '$stored'"
# Payara logs, and then leaves out, a session attribute that does not serialize (e.g. a @ViewScoped bean's field).
if grep -h "Cannot serialize session attribute" "$WORK"/instance-*.log >"$WORK/unserializable.txt"; then
  sed 's/.*StandardSession: //' "$WORK/unserializable.txt" | sort -u | head -5 >&2
  die "session attributes that cannot be replicated (above)"
fi
log "PASS: session failover test ($((SECONDS - started)) s)"
