#!/usr/bin/env bash
# Install test (CI): what deploy/build.sh --uber and deploy/install.sh put on a server, checked without touching the
# real system.
#  1. build.sh --uber --no-maven into a temporary folder (the uber jar from webapp/target's WAR);
#  2. install.sh with DESTDIR=<temporary root>: files, modes (owners as root), an upgrade keeps engram.env;
#  3. systemd-analyze verify of the installed units (--root=<temporary root>; engram@8081 for the template), and
#     every path they name exists in the install;
#  4. the installed logrotate file: logrotate -d, then two forced rotations on a temporary state file while a writer
#     keeps the log open with O_APPEND (as systemd's StandardOutput=append: does): the copy holds the old lines,
#     the writer goes on at the start of the truncated file, and the second rotation compresses (delaycompress);
#  5. the installed launcher starts the installed uber jar (H2 in a temporary folder, or PostgreSQL with
#     UBER_DB=postgres): /health, the participant page at /, 5 simulated participants with every acknowledged trial
#     exported once, and an online H2 backup through the installed backup script.
# Usage: deploy/test/install-test.sh          Installs logrotate and systemd (for systemd-analyze) when missing, as root.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
db=${UBER_DB:-h2}
[[ $db == h2 || $db == postgres ]] || die "UBER_DB must be h2 or postgres, got '$db'"
new_work install
trap cleanup EXIT

missing=()
command -v logrotate >/dev/null || missing+=(logrotate)
command -v systemd-analyze >/dev/null || missing+=(systemd)
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || die "missing ${missing[*]}: apt-get install ${missing[*]}, or run as root"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[[ $db == postgres ]] && ensure_packages
[[ -f $WAR && -f $MICRO_JAR ]] || (cd "$ROOT" && mvn -q -B -DskipTests -pl webapp -am install)

zip_has() { python3 -c 'import sys, zipfile; sys.exit(sys.argv[2] not in zipfile.ZipFile(sys.argv[1]).namelist())' "$1" "$2"; }

log "1. build.sh --uber --no-maven"
DIST=$WORK/dist "$ROOT/deploy/build.sh" --uber --no-maven >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build.sh failed"; }
zip_has "$WORK/dist/engram-micro.jar" MICRO-INF/deploy/ROOT.war || die "the uber jar holds no MICRO-INF/deploy/ROOT.war"

log "2. install.sh into a temporary root"
D=$WORK/root
DESTDIR=$D DIST=$WORK/dist "$ROOT/deploy/install.sh" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; die "install.sh failed"; }
# mode_is PATH MODE [OWNER:GROUP (checked as root only)]
mode_is() {
  [[ -e $D$1 ]] || die "install.sh did not create $1"
  local got; got=$(stat -c %a "$D$1")
  [[ $got == "$2" ]] || die "$1 has mode $got, expected $2"
  if [[ -n ${3:-} && $(id -u) == 0 ]] && id "${3%%:*}" >/dev/null 2>&1 && getent group "${3##*:}" >/dev/null; then
    got=$(stat -c %U:%G "$D$1"); [[ $got == "$3" ]] || die "$1 is owned by $got, expected $3"
  fi
}
mode_is /opt/engram 755 root:root
mode_is /opt/engram/payara-micro.jar 644 root:root
mode_is /opt/engram/engram.war 644
mode_is /opt/engram/engram-micro.jar 644
mode_is /opt/engram/bin/engram-server 755 root:root
mode_is /opt/engram/backup/pg-backup.sh 755
mode_is /opt/engram/backup/h2-backup.sh 755
mode_is /opt/engram/docs/deploy.md 644
mode_is /etc/engram 750 root:engram
mode_is /etc/engram/engram.env 640 root:engram
mode_is /var/lib/engram 750 engram:engram
mode_is /var/log/engram 750 root:adm
mode_is /etc/systemd/system/engram.service 644
mode_is /etc/systemd/system/engram@.service 644
mode_is /etc/logrotate.d/engram 644
mode_is /etc/nginx/sites-available/engram.conf 644
(cd "$D/opt/engram" && sha256sum --quiet -c SHA256SUMS) || die "installed jars differ from SHA256SUMS"
log "   files and modes as expected$([[ $(id -u) == 0 ]] && id engram >/dev/null 2>&1 && echo ', owners too')"

# An upgrade: a new build replaces /opt/engram completely and keeps the edited engram.env.
echo "ENGRAM_TEST_MARKER=kept" >>"$D/etc/engram/engram.env"
touch "$D/opt/engram/stale-file"
DESTDIR=$D DIST=$WORK/dist "$ROOT/deploy/install.sh" >>"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; die "install.sh (upgrade) failed"; }
grep -q '^ENGRAM_TEST_MARKER=kept$' "$D/etc/engram/engram.env" || die "an upgrade replaced /etc/engram/engram.env"
[[ ! -e $D/opt/engram/stale-file ]] || die "an upgrade left a stale file in /opt/engram"
[[ -z $(find "$D/opt" -maxdepth 1 -name 'engram.*') ]] || die "install.sh left $(find "$D/opt" -maxdepth 1 -name 'engram.*')"
log "   an upgrade keeps engram.env and replaces /opt/engram"

log "3. systemd-analyze verify"
# Every absolute path a unit names (ExecStart, EnvironmentFile, ReadWritePaths, the log folder) is in the install.
for unit in engram.service engram@.service; do
  for path in $(grep -E '^(ExecStart|EnvironmentFile|ReadWritePaths|StandardOutput)=' "$D/etc/systemd/system/$unit" \
                | grep -oE '/(opt|etc|var)/[^ ]*' | sed -E 's/%i//g; s#/engram(-)?\.log$##; s#/$##'); do
    [[ -e $D$path ]] || die "$unit names $path, which install.sh does not create"
  done
done
# verify resolves dependencies (sysinit.target, ...) and checks the commands inside --root: give it Debian's units
# and /usr/bin/env (ExecStart of engram@.service) there.
mkdir -p "$D/usr/lib/systemd" "$D/usr/bin"
cp -R /usr/lib/systemd/system "$D/usr/lib/systemd/"
cp /usr/bin/env "$D/usr/bin/env"
for unit in engram.service engram@8081.service; do
  out=$(systemd-analyze --root="$D" verify "$unit" 2>&1) || die "systemd-analyze verify $unit failed: $out"
  [[ -z $out ]] || die "systemd-analyze verify $unit warned: $out"
done
# The check itself must catch a broken unit.
sed 's|^ExecStart=.*|ExecStart=/opt/engram/bin/no-such-file|; s|^Restart=|Restarts=|' "$D/etc/systemd/system/engram.service" >"$D/etc/systemd/system/broken.service"
out=$(systemd-analyze --root="$D" verify broken.service 2>&1) && die "systemd-analyze accepted a broken unit"
if ! grep -q "no-such-file" <<<"$out" || ! grep -q "Restarts" <<<"$out"; then
  die "systemd-analyze did not report the broken unit's faults: $out"
fi
rm -f "$D/etc/systemd/system/broken.service"
exposure=$(systemd-analyze security --offline=true --root="$D" engram.service 2>/dev/null | grep -oE 'exposure level for engram.service: [0-9.]+ [A-Z]+' || true)
log "   engram.service and engram@8081.service verify cleanly; ${exposure:-no exposure score}"

log "4. logrotate"
conf=$WORK/logrotate.conf
python3 - "$D/etc/logrotate.d/engram" "$D" >"$conf" <<'PY' || die "could not rewrite the logrotate file"
import sys
text, root = open(sys.argv[1]).read(), sys.argv[2]
if text.count("/var/log/engram/") != 1:
    sys.exit(f"{sys.argv[1]}: expected one /var/log/engram/ pattern")
sys.stdout.write(text.replace("/var/log/engram/", root + "/var/log/engram/"))
PY
logdir=$D/var/log/engram
echo "a line of engram.service" >"$logdir/engram.log"   # as systemd creates it: root's, 0644
out=$(logrotate -d -f -s "$WORK/logrotate.state" "$conf" 2>&1) || die "logrotate -d failed: $out"
grep -q "rotating log $logdir/engram.log" <<<"$out" || die "logrotate -d would not rotate engram.log: $out"
grep -qiE "error|skipping" <<<"$out" && die "logrotate -d reported: $(grep -iE 'error|skipping' <<<"$out")"
mkfifo "$WORK/go"
# The writer opens the log like systemd's append: (O_APPEND), writes, waits for the rotation, writes again.
python3 - "$logdir/engram-8081.log" "$WORK/go" "$WORK/written" <<'PY' &
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
os.write(fd, b"".join(b"before %d\n" % i for i in range(2000)))
open(sys.argv[3], "w").close()  # written: the rotation may start
open(sys.argv[2]).read()
os.write(fd, b"after the rotation\n")
os.close(fd)
PY
writer=$!
wait_until 120 test -e "$WORK/written" || die "the log writer did not write its 2000 lines within 120 s"
logrotate -f -s "$WORK/logrotate.state" "$conf" >"$WORK/logrotate.out" 2>&1 || { cat "$WORK/logrotate.out" >&2; die "logrotate -f failed"; }
echo go >"$WORK/go"; wait "$writer"
[[ $(wc -l <"$logdir/engram-8081.log.1") == 2000 ]] || die "engram-8081.log.1 does not hold the 2000 lines before the rotation"
[[ $(cat "$logdir/engram-8081.log") == "after the rotation" ]] || die "after copytruncate the log holds $(wc -c <"$logdir/engram-8081.log") bytes, not just the new line (a hole?)"
echo "second day" >>"$logdir/engram-8081.log"
logrotate -f -s "$WORK/logrotate.state" "$conf" >>"$WORK/logrotate.out" 2>&1 || { cat "$WORK/logrotate.out" >&2; die "the second logrotate -f failed"; }
[[ -f $logdir/engram-8081.log.2.gz && $(gzip -dc "$logdir/engram-8081.log.2.gz" | wc -l) == 2000 ]] || die "the second rotation did not compress the first one (delaycompress)"
[[ -f $logdir/engram-8081.log.1 && ! -s $logdir/engram-8081.log ]] || die "the second rotation did not copy and truncate the log"
log "   logrotate -d clean; copytruncate with an O_APPEND writer keeps every line; delaycompress works"

log "5. the installed launcher starts the installed uber jar on $db"
# shellcheck disable=SC2034   # both are read by instance_start (lib.sh)
LAUNCHER=$D/opt/engram/bin/engram-server
# shellcheck disable=SC2034
UBER_JAR=$D/opt/engram/engram-micro.jar
port=18451
if [[ $db == postgres ]]; then pg_start; url=$DB_URL; else url=""; fi
started=$(date +%s)
instance_start "$port" "$url" && wait_healthy "$port"
log "   healthy after $(( $(date +%s) - started )) s"
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/run/demo") == 200 ]] || die "the uber jar does not serve /run/demo at the context root /"
SIM_URL=http://127.0.0.1:$port simulate --participants 5 --concurrency 5 --seed 4545 --retry-budget-s 30 \
  --log "$WORK/acks.csv" >"$WORK/simulate.out" 2>&1 || { cat "$WORK/simulate.out" >&2; die "the simulation against the uber jar failed"; }
grep -E 'completed|throughput' "$WORK/simulate.out" | head -2 >&2
export_zip "$WORK/export.zip" "http://127.0.0.1:$port"
python3 "$ROOT/deploy/test/check_export.py" "$WORK/acks.csv" "$WORK/export.zip" --runs-complete || die "trials lost or duplicated"
if [[ $db == h2 ]]; then
  reply=$(ENGRAM_ADMIN_PASSWORD=$ADMIN_PASSWORD "$D/opt/engram/backup/h2-backup.sh" "http://127.0.0.1:$port") || die "h2-backup.sh failed"
  zip=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["file"])' "$reply")
  zip_has "$zip" engram.mv.db || die "the backup $zip holds no engram.mv.db"
  log "   online backup $zip"
else
  reply=$(curl -s -u "admin:$ADMIN_PASSWORD" -X POST -w ' %{http_code}' "http://127.0.0.1:$port/api/admin/backup")
  [[ $reply == *use_pg_dump*409 ]] || die "POST /api/admin/backup on PostgreSQL answered: $reply"
fi
log "PASS: install test in $SECONDS s"
