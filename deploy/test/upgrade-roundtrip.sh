#!/usr/bin/env bash
# Backup, upgrade and restore, checked byte for byte. For PostgreSQL and for H2:
#   1. a server of the OLD build (OLD_WAR, default: this build) collects simulated participants; its export is saved;
#   2. backup while it runs (pg-backup.sh = pg_dump -Fc; H2: POST /api/admin/backup = BACKUP TO), then it stops;
#   3. the backup is restored into a fresh database (pg-restore.sh into a new database; h2-restore.sh into a new folder);
#   4. the NEW build (this WAR) starts on the restored database, running any new migrations from sql/ (Flyway);
#   5. its export must equal the first one: every CSV and experiment.json, byte for byte (compare_exports.py).
# saved_at, started_at and finished_at are stored by the server and exported from the database, so they must be equal too.
# Usage: [OLD_WAR=path/to/older/engram.war] deploy/test/upgrade-roundtrip.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
new_work roundtrip
trap cleanup EXIT
ensure_packages
[[ -f $WAR && -f $MICRO_JAR ]] || (cd "$ROOT" && mvn -q -B -DskipTests -pl webapp -am install)
NEW_WAR=$WAR
OLD_WAR=${OLD_WAR:-$WAR}
log "old build: $OLD_WAR ($(sha256sum "$OLD_WAR" | cut -c1-12)), new build: $NEW_WAR ($(sha256sum "$NEW_WAR" | cut -c1-12))"
port=18191

log "== PostgreSQL =="
pg_start
WAR=$OLD_WAR instance_start $port && wait_healthy $port
SIM_URL=http://127.0.0.1:$port simulate --participants 20 --concurrency 5 --seed 3131 --dropout 0.2 --reload 0.2 >"$WORK/pg-simulate.out" 2>&1
export_zip "$WORK/pg-before.zip" "http://127.0.0.1:$port"
dump=$(pg_env env ENGRAM_DB_URL="$DB_URL" ENGRAM_DB_USER=engram ENGRAM_DB_PASSWORD="$PG_PASSWORD" "$ROOT/deploy/backup/pg-backup.sh" "$WORK/pg-backups")
log "dump: $dump ($(stat -c %s "$dump") bytes)"
instance_stop $port
pg_psql -c "CREATE DATABASE engram_restored OWNER engram ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
pg_env "$ROOT/deploy/backup/pg-restore.sh" "$dump" engram_restored
WAR=$NEW_WAR instance_start $port "jdbc:postgresql://127.0.0.1:$PG_PORT/engram_restored" && wait_healthy $port
export_zip "$WORK/pg-after.zip" "http://127.0.0.1:$port"
instance_stop $port
python3 "$ROOT/deploy/test/compare_exports.py" "$WORK/pg-before.zip" "$WORK/pg-after.zip" || die "PostgreSQL: the restored export differs"

log "== H2 =="
WAR=$OLD_WAR instance_start $port "" && wait_healthy $port
SIM_URL=http://127.0.0.1:$port simulate --participants 20 --concurrency 5 --seed 3232 --dropout 0.2 --reload 0.2 >"$WORK/h2-simulate.out" 2>&1
export_zip "$WORK/h2-before.zip" "http://127.0.0.1:$port"
backup=$(ENGRAM_ADMIN_PASSWORD=$ADMIN_PASSWORD "$ROOT/deploy/backup/h2-backup.sh" "http://127.0.0.1:$port")
log "online backup: $backup"
zip=$WORK/h2-backup.zip
cp "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["file"])' "$backup")" "$zip"
instance_stop $port
mv "$WORK/instance-$port" "$WORK/instance-$port-old"
"$ROOT/deploy/backup/h2-restore.sh" "$zip" "$WORK/instance-$port"
WAR=$NEW_WAR instance_start $port "" && wait_healthy $port
export_zip "$WORK/h2-after.zip" "http://127.0.0.1:$port"
instance_stop $port
python3 "$ROOT/deploy/test/compare_exports.py" "$WORK/h2-before.zip" "$WORK/h2-after.zip" || die "H2: the restored export differs"
log "PASS: upgrade round trip on PostgreSQL and H2"
