# Shared pieces of the deploy tests (sourced): a private PostgreSQL 15 cluster, engram instances started with the
# production launcher deploy/bin/engram-server, and nginx running the production site file deploy/nginx/engram.conf
# with its ports, certificate and paths rewritten for loopback. Everything lives under $WORK and is removed by cleanup.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
NGINX=${NGINX:-/usr/sbin/nginx}
PG_PORT=${PG_PORT:-55432}
TLS_PORT=${TLS_PORT:-58443}
HTTP_PORT=${HTTP_PORT:-58080}
PG_PASSWORD=${PG_PASSWORD:-deploy-test-db}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-deploy-test-admin}
WAR=${WAR:-$ROOT/webapp/target/engram.war}
MICRO_JAR=${MICRO_JAR:-$ROOT/webapp/target/payara-micro.jar}
INSTANCE_JAVA_OPTS=${INSTANCE_JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError}
declare -A INSTANCE_PID=()

log() { echo "[$(date -u +%T)] $*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# wait_until SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds (0) or SECONDS of wall-clock time have
# passed (1). The tests wait for conditions, never for a fixed time, and the limits are many times what an unloaded
# machine needs, since CI runs them once on a loaded machine.
wait_until() {
  local limit=$1; shift
  local deadline=$((SECONDS + limit))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

new_work() {
  WORK=$(mktemp -d "/tmp/engram-${1:-deploy}.XXXX")
  chmod 755 "$WORK"
  log "work folder $WORK"
}

# Installs nginx and PostgreSQL 15 when missing (root only). A temporary policy-rc.d keeps Debian's maintainer
# scripts from starting the default nginx on :80 and the default cluster on :5432.
ensure_packages() {
  local missing=()
  [[ -x $NGINX ]] || missing+=(nginx)
  [[ -x $PG_BIN/initdb ]] || missing+=(postgresql-15)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v keytool >/dev/null || die "keytool (from the JDK) is missing"
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  log "installing ${missing[*]}"
  local policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [[ -n $policy ]] && rm -f /usr/sbin/policy-rc.d
  return 0
}

as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A private cluster on 127.0.0.1:$PG_PORT (socket in $WORK/pg), password login over TCP, then deploy/postgres/setup.sql.
pg_start() {
  PG_DIR=$WORK/pg
  mkdir -p "$PG_DIR"
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
  pg_ctl_start
  pg_psql -v db=engram -v user=engram -v password="$PG_PASSWORD" <"$ROOT/deploy/postgres/setup.sql" >/dev/null
  DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/engram"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT, database engram"
}
pg_ctl_start() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 180 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=120" start >/dev/null
}
pg_restart() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 180 restart >/dev/null; }
pg_stop() { [[ -n ${PG_DIR:-} && -f $PG_DIR/data/postmaster.pid ]] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true; }
pg_psql() { as_postgres psql -X -q -h "$PG_DIR" -p "$PG_PORT" -U postgres "$@"; }
# Runs as the engram role over TCP, like the servers do.
pg_env() { env PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=engram PGPASSWORD="$PG_PASSWORD" "$@"; }

# instance_start PORT [DB_URL]: one engram instance through the production launcher, output in $WORK/instance-PORT.log.
instance_start() {
  local port=$1 url=${2-${DB_URL:-}}
  local env=(ENGRAM_HOME="$ROOT/webapp/target" ENGRAM_MICRO_JAR="$MICRO_JAR" ENGRAM_WAR="$WAR" ENGRAM_DATA="$WORK/instance-$port"
             ENGRAM_PORT="$port" ENGRAM_BIND=127.0.0.1 ENGRAM_ADMIN_PASSWORD="$ADMIN_PASSWORD" ENGRAM_LOG_KEY=deploy-test
             ENGRAM_INSTANCE="test:$port" ENGRAM_JAVA_OPTS="$INSTANCE_JAVA_OPTS" ENGRAM_DB_POOL_SIZE="${POOL_SIZE:-16}")
  if [[ -n $url ]]; then
    env+=(ENGRAM_DB_URL="$url" ENGRAM_DB_USER=engram ENGRAM_DB_PASSWORD="$PG_PASSWORD")
  fi
  # UBER_JAR: start that uber jar (deploy/build.sh --uber) instead of jar + WAR; LAUNCHER: an installed engram-server.
  [[ -n ${UBER_JAR:-} ]] && env+=(ENGRAM_UBER_JAR="$UBER_JAR")
  env "${env[@]}" "${LAUNCHER:-$ROOT/deploy/bin/engram-server}" >>"$WORK/instance-$port.log" 2>&1 &
  INSTANCE_PID[$port]=$!
}

# wait_healthy PORT...: each instance answers /health with engram-database UP (the app, not just the port), within
# HEALTHY_WAIT_S (default 300 s; a start takes 10-15 s on an idle machine).
wait_healthy() {
  local port deadline
  for port in "$@"; do
    deadline=$((SECONDS + ${HEALTHY_WAIT_S:-300}))
    while ((SECONDS < deadline)); do
      kill -0 "${INSTANCE_PID[$port]}" 2>/dev/null || { tail -n 30 "$WORK/instance-$port.log" >&2; die "instance $port stopped during start-up"; }
      grep -qs "Exception while loading the app" "$WORK/instance-$port.log" && { grep -E "SEVERE|Caused by" "$WORK/instance-$port.log" | head -20 >&2; die "instance $port failed to deploy"; }
      curl -fs -m 30 "http://127.0.0.1:$port/health" 2>/dev/null | grep -q engram-database && continue 2
      sleep 0.5
    done
    die "instance $port not healthy after ${HEALTHY_WAIT_S:-300} s (see $WORK/instance-$port.log)"
  done
  log "healthy: $*"
}

instance_kill() {   # kill -9 PORT
  local port=$1
  kill -9 "${INSTANCE_PID[$port]}"
  wait "${INSTANCE_PID[$port]}" 2>/dev/null || true
  unset "INSTANCE_PID[$port]"
}

instance_stop() {
  local port=$1
  [[ -n ${INSTANCE_PID[$port]:-} ]] || return 0
  kill "${INSTANCE_PID[$port]}" 2>/dev/null || true
  wait_until 60 eval '! kill -0 "${INSTANCE_PID[$port]}" 2>/dev/null' || true
  kill -9 "${INSTANCE_PID[$port]}" 2>/dev/null || true
  wait "${INSTANCE_PID[$port]}" 2>/dev/null || true
  unset "INSTANCE_PID[$port]"
}

rss_mb() { echo $(( $(ps -o rss= -p "${INSTANCE_PID[$1]}") / 1024 )); }

# nginx_start PORT...: the production site file with these instances, TLS on 127.0.0.1:$TLS_PORT (self-signed
# certificate for 127.0.0.1, trusted by the simulator through $NGINX_DIR/trust.p12), plain HTTP on $HTTP_PORT.
nginx_start() {
  NGINX_DIR=$WORK/nginx
  mkdir -p "$NGINX_DIR/tmp" "$NGINX_DIR/cache"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$NGINX_DIR/key.pem" -out "$NGINX_DIR/cert.pem" 2>/dev/null
  rm -f "$NGINX_DIR/trust.p12"
  keytool -importcert -noprompt -alias engram-test -file "$NGINX_DIR/cert.pem" -keystore "$NGINX_DIR/trust.p12" \
    -storetype PKCS12 -storepass changeit >/dev/null 2>&1
  SIM_JAVA_OPTS="-Djavax.net.ssl.trustStore=$NGINX_DIR/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12"
  nginx_site "$@"
  cat >"$NGINX_DIR/nginx.conf" <<CONF
worker_processes 1;
$([[ $(id -u) == 0 ]] && echo "user root;")
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    include $NGINX_DIR/engram.conf;
}
CONF
  "$NGINX" -t -q -e "$NGINX_DIR/error.log" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" || die "nginx -t rejected the configuration"
  "$NGINX" -e "$NGINX_DIR/error.log" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf"
  LB="https://127.0.0.1:$TLS_PORT"
  log "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') on $LB -> $*"
}

# Rewrites deploy/nginx/engram.conf for loopback; every rewritten line must be found exactly once.
nginx_site() {
  python3 - "$ROOT/deploy/nginx/engram.conf" "$NGINX_DIR" "$TLS_PORT" "$HTTP_PORT" "$@" >"$NGINX_DIR/engram.conf.new" <<'PY' || die "could not rewrite deploy/nginx/engram.conf"
import re, sys
source, folder, tls, http, ports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
text = open(source).read()
def once(old, new):
    global text
    n = text.count(old)
    if n != 1:
        sys.exit(f"{source}: expected '{old}' once, found it {n} times")
    text = text.replace(old, new)
for group in ("participants", "workspace"):
    block = re.compile(r"(# BEGIN engram instances \(%s\)\n).*?(\s*# END engram instances \(%s\))" % (group, group), re.S)
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in ports)
    text, n = block.subn(lambda m: m.group(1) + servers.rstrip("\n") + m.group(2), text)
    if n != 1:
        sys.exit(f"{source}: no BEGIN/END block for the {group} instances")
once("    listen 80;\n", f"    listen 127.0.0.1:{http};\n")
once("    listen [::]:80;\n", "")
once("    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{tls} ssl http2;\n")
once("    listen [::]:443 ssl http2;\n", "")
once("/etc/letsencrypt/live/engram.example.org/fullchain.pem", f"{folder}/cert.pem")
once("/etc/letsencrypt/live/engram.example.org/privkey.pem", f"{folder}/key.pem")
once("/var/log/nginx/engram.access.log", f"{folder}/access.log")
once("/var/log/nginx/engram.error.log", f"{folder}/error.log")
once("/var/cache/nginx/engram", f"{folder}/cache")
sys.stdout.write(text)
PY
  mv -f "$NGINX_DIR/engram.conf.new" "$NGINX_DIR/engram.conf"
}

# nginx_workers: the pids of the nginx master's worker processes, sorted.
nginx_workers() { ps -o pid= --ppid "$(cat "$NGINX_DIR/nginx.pid")" | tr -d " " | sort; }

# nginx_upstreams PORT...: points the load balancer at other instances (graceful reload); returns once a new worker,
# started with the new configuration, is running.
nginx_upstreams() {
  nginx_site "$@"
  "$NGINX" -t -q -e "$NGINX_DIR/error.log" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" || die "nginx -t rejected the new upstreams"
  local before; before=$(nginx_workers)
  kill -HUP "$(cat "$NGINX_DIR/nginx.pid")"
  wait_until 60 eval '[[ -n $(comm -13 <(echo "$before") <(nginx_workers)) ]]' || die "nginx started no new worker within 60 s of the reload"
  log "nginx now -> $*"
}

nginx_stop() {
  [[ -n ${NGINX_DIR:-} && -f $NGINX_DIR/nginx.pid ]] || return 0
  local pid; pid=$(cat "$NGINX_DIR/nginx.pid")
  kill -QUIT "$pid" 2>/dev/null || true
  wait_until 60 eval '! kill -0 "$pid" 2>/dev/null' || log "nginx did not stop within 60 s of QUIT: kill -9"
  kill -9 "$pid" 2>/dev/null || true
}

# simulate ARGS...: ./engram simulate through the load balancer (TLS), trusting the test certificate.
simulate() {
  ENGRAM_JAVA_OPTS="${SIM_JAVA_OPTS:-} ${SIM_EXTRA_OPTS:-}" "$ROOT/engram" simulate --url "${SIM_URL:-$LB}" --experiment demo "$@"
}

# export_zip FILE [BASE]: the demo export without images, as admin.
export_zip() {
  local base=${2:-$LB} tls=()
  [[ $base == https:* ]] && tls=(--cacert "$NGINX_DIR/cert.pem")
  curl -fsS "${tls[@]}" -u "admin:$ADMIN_PASSWORD" "$base/api/experiments/demo/export?images=false" -o "$1"
}

# Waits (up to 300 s) until the simulator's streamed acknowledgement log has at least N rows.
wait_for_acks() {
  local file=$1 rows=$2 pid=$3 deadline=$((SECONDS + 300))
  while ((SECONDS < deadline)); do
    [[ -f $file && $(wc -l <"$file") -gt $rows ]] && return 0
    kill -0 "$pid" 2>/dev/null || die "the simulation ended before $rows trials were acknowledged"
    sleep 0.1
  done
  die "fewer than $rows trials acknowledged after 300 s"
}

# A real network cut on loopback: iptables drops every TCP packet to or from these ports (both directions, since
# loopback packets pass INPUT once each way), in a chain of its own that net_uncut and cleanup remove.
CUT_CHAIN=ENGRAM_CUT_$$
ensure_iptables() {
  if ! command -v iptables >/dev/null; then
    [[ $(id -u) == 0 ]] || die "iptables is missing: apt-get install iptables, or CUT_METHOD=sigstop"
    log "installing iptables"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iptables >/dev/null || die "apt-get install iptables failed"
  fi
  local out
  out=$(iptables -w -N "$CUT_CHAIN" 2>&1) || die "iptables cannot add rules here ('iptables -N $CUT_CHAIN': $out); run with CUT_METHOD=sigstop"
  iptables -w -X "$CUT_CHAIN"
}
net_cut() {
  local ports; ports=$(IFS=,; echo "$*")
  iptables -w -N "$CUT_CHAIN"
  iptables -w -A "$CUT_CHAIN" -p tcp -m multiport --dports "$ports" -j DROP
  iptables -w -A "$CUT_CHAIN" -p tcp -m multiport --sports "$ports" -j DROP
  iptables -w -I INPUT -i lo -j "$CUT_CHAIN"
}
net_uncut() {
  iptables -w -n -L "$CUT_CHAIN" >/dev/null 2>&1 || return 0
  iptables -w -D INPUT -i lo -j "$CUT_CHAIN" 2>/dev/null
  log "network back; packets dropped: $(iptables -w -L "$CUT_CHAIN" -v -x -n 2>/dev/null | awk '$3 == "DROP" { n += $1 } END { print n + 0 }')"
  iptables -w -F "$CUT_CHAIN"; iptables -w -X "$CUT_CHAIN"
}

cleanup() {
  local rc=$?
  set +e
  command -v iptables >/dev/null && net_uncut
  for port in "${!INSTANCE_PID[@]}"; do kill -CONT "${INSTANCE_PID[$port]}" 2>/dev/null; instance_stop "$port"; done
  nginx_stop
  pg_stop
  if [[ $rc == 0 && -z ${KEEP_WORK:-} ]]; then rm -rf "$WORK"; else log "kept $WORK for inspection (exit $rc)"; fi
  exit $rc
}
