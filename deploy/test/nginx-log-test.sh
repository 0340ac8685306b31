#!/usr/bin/env bash
# The shipped nginx site (deploy/nginx/engram.conf) keeps the participant link's Prolific ids out of its access log:
# nginx -t accepts the site, a request for /run/{slug}?PROLIFIC_PID=…&STUDY_ID=…&SESSION_ID=… through TLS is logged
# as "GET /run/{slug} HTTP/…", and no id appears in the log. A small Python server stands in for engram.
# Usage: deploy/test/nginx-log-test.sh     Installs nginx and openssl when missing (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
UPSTREAM_PORT=${UPSTREAM_PORT:-58181}
new_work nginx-log
upstream_pid=""
stop_upstream() { [[ -n $upstream_pid ]] && kill "$upstream_pid" 2>/dev/null; return 0; }
# cleanup (lib.sh) exits with the status it finds in $?, so the test's own status is handed on past stop_upstream.
trap 'status=$?; set +e; stop_upstream; (exit $status); cleanup' EXIT
ensure_packages

python3 - "$UPSTREAM_PORT" <<'PY' &
import http.server, sys
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><title>stand-in</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Answer).serve_forever()
PY
upstream_pid=$!
wait_until 60 curl -fs -m 10 -o /dev/null "http://127.0.0.1:$UPSTREAM_PORT/" || die "the stand-in server on $UPSTREAM_PORT did not answer within 60 s"

nginx_start "$UPSTREAM_PORT"
link="/run/demo?PROLIFIC_PID=5f0123456789abcdefPIDX&STUDY_ID=STUDYSECRET42&SESSION_ID=SESSIONSECRET42&engram_test=1"
status=$(curl -sk -o /dev/null -w '%{http_code}' "$LB$link")
[[ $status == 200 ]] || die "the participant link through nginx answered $status"
status=$(curl -sk -o /dev/null -w '%{http_code}' "$LB/run-app/main.js?PROLIFIC_PID=5f0123456789abcdefPIDX")
[[ $status == 200 ]] || die "a module through nginx answered $status"
nginx_stop   # flushes the log
log "access log:"
cat "$NGINX_DIR/access.log" >&2
grep -q '"GET /run/demo HTTP/[0-9.]*" 200 ' "$NGINX_DIR/access.log" || die "the participant request is not in the access log"
if grep -E 'PIDX|SECRET42|PROLIFIC_PID|STUDY_ID|SESSION_ID|engram_test' "$NGINX_DIR/access.log"; then
  die "the access log holds the participant link's query string"
fi
log "PASS: nginx -t accepted the site; the access log holds /run/demo without its query string"
